package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.core.Durations;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.detect.Detection;
import io.mailsec.detect.RuleDryRun;
import io.mailsec.detect.RuleFiles;
import io.mailsec.detect.RuleStates;
import io.mailsec.detect.RuleValidation;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.Rule;
import io.mailsec.detect.rule.RuleException;
import io.mailsec.detect.rule.RuleLines;
import io.mailsec.detect.rule.RuleParser;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.server.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Detection rules (docs/detections.md): list and show, create, replace and delete custom rules,
 * validate and dry-run a rule file, enable and disable. Every change is written to the data
 * directory and swapped into the running detection engine before the answer, so it applies to the
 * next commit; the answers report the state in force. Built-in rules can only be enabled or
 * disabled. Invalid rules are refused with 422 and every problem with its line.
 */
final class RuleRoutes implements RouteGroup {
  private static final int MAX_YAML = 256 * 1024;

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
            "Validate a rule file {\"yaml\"}: format, query, fields, its own tests (422 lists"
                + " every problem with its line)",
            this::validate)
        .post(
            "/api/v1/rules/dry-run",
            Role.ANALYST,
            "Replay a rule {\"yaml\", \"window\"?} over stored history; stores nothing",
            this::dryRun)
        .get(
            "/api/v1/rules/{id}",
            Role.VIEWER,
            "One rule with its YAML source and origin (builtin or custom)",
            this::one)
        .put(
            "/api/v1/rules/{id}",
            Role.ANALYST,
            "Create or replace a custom rule from {\"yaml\"}; applies at once (422 when invalid,"
                + " 409 for a built-in id)",
            this::put)
        .delete("/api/v1/rules/{id}", Role.ANALYST, "Delete a custom rule", this::delete)
        .post("/api/v1/rules/{id}/enable", Role.ANALYST, "Enable a rule (at once)", this::enable)
        .post(
            "/api/v1/rules/{id}/disable", Role.ANALYST, "Disable a rule (at once)", this::disable);
  }

  private Detection detection() {
    return services.dir().detection();
  }

  private void list(Context ctx) {
    Detection detection = detection();
    RuleSet rules = detection.rules();
    List<Map<String, Object>> out = new ArrayList<>();
    for (CompiledRule r : rules.all()) {
      out.add(describe(r.rule()));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("rules", out);
    detection.ruleFiles().loadProblem().ifPresent(p -> answer.put("loadProblem", p));
    ctx.json(answer);
  }

  private static Map<String, Object> describe(Rule rule) {
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
    m.put("origin", RuleSet.isBuiltIn(rule) ? "builtin" : "custom");
    m.put("file", RuleSet.isBuiltIn(rule) ? rule.origin().substring(8) : rule.origin());
    return m;
  }

  private void one(Context ctx) {
    Rule rule = existing(ctx.pathParam("id"));
    Map<String, Object> m = describe(rule);
    m.put("yaml", source(rule).orElse(""));
    ctx.json(m);
  }

  private Optional<String> source(Rule rule) {
    if (RuleSet.isBuiltIn(rule)) {
      return RuleSet.builtInSource(rule.origin());
    }
    return detection().ruleFiles().customFile(rule.origin()).map(RuleRoutes::read);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file.getFileName(), e);
    }
  }

  /** The rule in force with this id, or 404. */
  private Rule existing(String id) {
    return detection()
        .rules()
        .get(id)
        .map(CompiledRule::rule)
        .orElseThrow(() -> ApiException.notFound("no rule '" + Json.clip(id) + "'"));
  }

  private static String yamlOf(RuleBody body) {
    if (body.yaml() == null || body.yaml().isBlank()) {
      throw ApiException.invalid(Map.of("yaml", "the rule file's text is required"));
    }
    if (body.yaml().length() > MAX_YAML) {
      throw ApiException.invalid(Map.of("yaml", "a rule file has at most 256 KiB"));
    }
    return body.yaml();
  }

  /** The compiled rule of a rule file, or a 422 listing every problem with its line. */
  private CompiledRule compile(String yaml) {
    RuleValidation.Result result =
        RuleValidation.check(yaml, "request", detection().engine().config());
    if (!result.valid()) {
      throw invalidRule(result.problems());
    }
    return result.rule();
  }

  private static ApiException invalidRule(List<RuleValidation.Problem> problems) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (RuleValidation.Problem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message", p.message());
      if (p.line() > 0) {
        m.put("line", p.line());
      }
      list.add(m);
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("problems", list);
    if (problems.get(0).line() > 0) {
      extra.put("line", problems.get(0).line());
    }
    String message =
        problems.size() == 1
            ? problems.get(0).message()
            : "the rule has " + problems.size() + " problems";
    return new ApiException(422, "invalid_rule", message, extra);
  }

  private void validate(Context ctx) {
    CompiledRule rule = compile(yamlOf(Json.body(ctx, RuleBody.class)));
    ctx.json(Map.of("id", rule.id(), "valid", true, "expandedQuery", rule.expandedQuery()));
  }

  private void dryRun(Context ctx) {
    RuleBody body = Json.body(ctx, RuleBody.class);
    CompiledRule rule = compile(yamlOf(body));
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

  /** The path's rule id, if it is a valid one (so also a safe file name). */
  private static String pathId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!RuleParser.isValidId(id)) {
      throw ApiException.invalid(
          Map.of("id", "a rule id is 2-80 lower-case letters, digits and dashes"));
    }
    return id;
  }

  private static ApiException builtIn(String id) {
    return new ApiException(
        409,
        "builtin_rule",
        "'"
            + id
            + "' is a built-in rule: it can be enabled or disabled, not changed; duplicate it"
            + " under another id to customize it");
  }

  private void put(Context ctx) {
    String id = pathId(ctx);
    String yaml = yamlOf(Json.body(ctx, RuleBody.class));
    Detection detection = detection();
    Optional<Rule> current = detection.rules().get(id).map(CompiledRule::rule);
    if (current.isPresent() && RuleSet.isBuiltIn(current.get())) {
      throw builtIn(id);
    }
    RuleValidation.Result result =
        RuleValidation.check(yaml, id + ".yaml", detection.engine().config());
    if (!result.valid()) {
      throw invalidRule(result.problems());
    }
    if (!result.rule().id().equals(id)) {
      int line = RuleLines.of(yaml).lineOf("id");
      throw invalidRule(
          List.of(
              new RuleValidation.Problem(
                  "the id in the file ('" + result.rule().id() + "') must be '" + id + "'", line)));
    }
    RuleFiles files = detection.ruleFiles();
    Path file = current.flatMap(r -> files.customFile(r.origin())).orElse(files.fileFor(id));
    files.write(file, yaml);
    boolean created = current.isEmpty();
    services.audit(
        ctx,
        created ? "rule.create" : "rule.update",
        id,
        "ok",
        Map.of("file", file.getFileName().toString()));
    Map<String, Object> answer = applied(detection, id);
    answer.put("created", created);
    ctx.status(created ? 201 : 200).json(answer);
  }

  private void delete(Context ctx) {
    String id = pathId(ctx);
    Detection detection = detection();
    Rule rule = existing(id);
    if (RuleSet.isBuiltIn(rule)) {
      throw builtIn(id);
    }
    RuleFiles files = detection.ruleFiles();
    Optional<Path> file = files.customFile(rule.origin());
    if (file.isEmpty()) {
      throw ApiException.notFound("the file of rule '" + id + "' is gone");
    }
    files.delete(file.get());
    RuleStates.remove(files.stateFile(), id);
    services.audit(
        ctx, "rule.delete", id, "ok", Map.of("file", file.get().getFileName().toString()));
    Map<String, Object> answer = applied(detection, id);
    answer.put("deleted", true);
    ctx.json(answer);
  }

  private void enable(Context ctx) {
    setState(ctx, true);
  }

  private void disable(Context ctx) {
    setState(ctx, false);
  }

  private void setState(Context ctx, boolean enabled) {
    String id = ctx.pathParam("id");
    Detection detection = detection();
    existing(id);
    RuleStates.set(detection.ruleFiles().stateFile(), id, enabled);
    services.audit(ctx, enabled ? "rule.enable" : "rule.disable", id, "ok", Map.of());
    ctx.json(applied(detection, id));
  }

  /**
   * Swaps the changed files into the running engine and says what is in force for {@code id}:
   * {@code applied} is false (with the problem) when some rule file cannot be used, in which case
   * the previous rules stay in force until it is fixed.
   */
  private static Map<String, Object> applied(Detection detection, String id) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", id);
    RuleSet rules;
    try {
      rules = detection.reloadRules();
      answer.put("applied", true);
    } catch (RuleException e) {
      rules = detection.engine().rules();
      answer.put("applied", false);
      answer.put("problem", e.getMessage());
    }
    Optional<CompiledRule> now = rules.get(id);
    answer.put("exists", now.isPresent());
    now.ifPresent(r -> answer.put("enabled", r.rule().enabled()));
    return answer;
  }
}
