package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.detect.Detection;
import io.mailsec.detect.DetectionConfig;
import io.mailsec.detect.Durations;
import io.mailsec.detect.RuleDryRun;
import io.mailsec.detect.RuleStates;
import io.mailsec.detect.RuleTester;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.Rule;
import io.mailsec.detect.rule.RuleException;
import io.mailsec.detect.rule.RuleParser;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.server.auth.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detection rules (docs/detections.md): list, validate and dry-run a rule file, enable and disable.
 * Enable/disable is stored in the data directory and applies when the server restarts.
 */
final class RuleRoutes implements RouteGroup {
  private final Services services;

  RuleRoutes(Services services) {
    this.services = services;
  }

  /** A rule file's YAML text, and for dry runs the window (default 7d). */
  record RuleBody(String yaml, String window) {}

  @Override
  public void addTo(RouteTable routes) {
    routes
        .get("/api/v1/rules", Role.VIEWER, "Built-in and custom rules with their state", this::list)
        .post(
            "/api/v1/rules/validate",
            Role.ANALYST,
            "Validate a rule file {\"yaml\"}: format, query, fields, its own tests",
            this::validate)
        .post(
            "/api/v1/rules/dry-run",
            Role.ANALYST,
            "Replay a rule {\"yaml\", \"window\"?} over stored history; stores nothing",
            this::dryRun)
        .post("/api/v1/rules/{id}/enable", Role.ANALYST, "Enable a rule (on restart)", this::enable)
        .post(
            "/api/v1/rules/{id}/disable",
            Role.ANALYST,
            "Disable a rule (on restart)",
            this::disable);
  }

  private Path root() {
    return services.dir().root();
  }

  private void list(Context ctx) {
    RuleSet rules = Detection.loadRules(root(), Detection.loadConfig(root()));
    List<Map<String, Object>> out = new ArrayList<>();
    for (CompiledRule r : rules.all()) {
      Rule rule = r.rule();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", rule.id());
      m.put("name", rule.name());
      m.put("description", rule.description());
      m.put("enabled", rule.enabled());
      m.put("severity", rule.severity().wireName());
      m.put("confidence", rule.confidence());
      m.put("mitre", rule.mitre());
      m.put("tags", rule.tags());
      m.put("query", rule.query());
      m.put("groupBy", rule.groupBy());
      m.put("suppressFor", Durations.format(rule.suppressFor()));
      if (rule.threshold() != null) {
        m.put(
            "threshold",
            Map.of(
                "count", rule.threshold().count(),
                "within", Durations.format(rule.threshold().within())));
      }
      m.put("origin", rule.origin());
      out.add(m);
    }
    ctx.json(Map.of("rules", out));
  }

  /** The compiled rule of a body, or a 422 listing every problem. */
  private CompiledRule compile(RuleBody body) {
    if (body.yaml() == null || body.yaml().isBlank()) {
      throw ApiException.invalid(Map.of("yaml", "the rule file's text is required"));
    }
    DetectionConfig config = Detection.loadConfig(root());
    try {
      Rule rule = RuleParser.parse(body.yaml(), "request");
      RuleTester.Result result = RuleTester.test(rule, config);
      if (!result.passed()) {
        throw ApiException.invalid(Map.of("tests", String.join("; ", result.failures())));
      }
      return CompiledRule.compile(rule, config, QueryLanguage.standard());
    } catch (RuleException e) {
      throw ApiException.invalid(Map.of("yaml", String.join("; ", e.problems())));
    }
  }

  private void validate(Context ctx) {
    CompiledRule rule = compile(Json.body(ctx, RuleBody.class));
    ctx.json(Map.of("id", rule.id(), "valid", true, "expandedQuery", rule.expandedQuery()));
  }

  private void dryRun(Context ctx) {
    RuleBody body = Json.body(ctx, RuleBody.class);
    CompiledRule rule = compile(body);
    Duration window;
    try {
      window = Durations.parse(body.window() == null ? "7d" : body.window(), "window");
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(Map.of("window", e.getMessage()));
    }
    Instant now = services.clock().instant();
    RuleDryRun.Outcome outcome =
        RuleDryRun.run(rule, services.store(), now.minus(window), now, now);
    List<Object> alerts = new ArrayList<>();
    for (Event alert : outcome.alerts()) {
      alerts.add(EventJson.toTree(alert).get("fields"));
    }
    ctx.json(
        Map.of(
            "matchedEvents", outcome.matchedEvents(),
            "truncated", outcome.truncated(),
            "alerts", alerts));
  }

  private void enable(Context ctx) {
    setState(ctx, true);
  }

  private void disable(Context ctx) {
    setState(ctx, false);
  }

  private void setState(Context ctx, boolean enabled) {
    String id = ctx.pathParam("id");
    RuleSet rules = Detection.loadRules(root(), Detection.loadConfig(root()));
    if (rules.get(id).isEmpty()) {
      throw ApiException.notFound("no rule '" + Json.clip(id) + "'");
    }
    RuleStates.set(root().resolve(Detection.STATE_FILE), id, enabled);
    services.audit(ctx, enabled ? "rule.enable" : "rule.disable", id, "ok", Map.of());
    ctx.json(Map.of("id", id, "enabled", enabled, "appliesOnRestart", true));
  }
}
