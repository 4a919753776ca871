package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.core.Durations;
import io.mailsec.core.query.Predicates;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.StreamId;
import io.mailsec.core.store.StreamStats;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.server.auth.Role;
import io.mailsec.server.collect.ConnectionTester;
import io.mailsec.server.collect.HealthMetrics;
import io.mailsec.server.collect.StreamHealth;
import io.mailsec.server.collect.StreamState;
import io.mailsec.server.config.ApiVersion;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.server.config.IntegrationRepository;
import io.mailsec.server.config.IntegrationValidator;
import io.mailsec.server.config.InvalidIntegrationException;
import io.mailsec.server.secrets.SecretUnavailableException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Integrations over REST: list with live per-stream health, create, edit, remove, enable, disable,
 * validate and test. Changes go through {@link IntegrationRepository} (validated by {@link
 * IntegrationValidator}) and then to the running collectors, so they take effect without a restart.
 * Secrets are write-only (see {@link IntegrationFields}); every change is audited.
 */
final class IntegrationRoutes implements RouteGroup {
  private static final String BASE = "/api/v1/integrations";

  private final Services services;
  private final ConnectionTester tester;

  IntegrationRoutes(Services services) {
    this.services = services;
    this.tester = new ConnectionTester(services.clock());
  }

  @Override
  public void addTo(RouteTable routes) {
    routes
        .get(BASE, Role.VIEWER, "Integrations with per-stream health; secrets masked", this::list)
        .post(
            BASE + "/validate",
            Role.ADMIN,
            "Validate an unsaved integration: {valid, fields}",
            this::validate)
        .post(
            BASE + "/test", Role.ADMIN, "Test an unsaved integration, per data type", this::testNew)
        .post(BASE, Role.ADMIN, "Create an integration", this::create)
        .get(BASE + "/{id}", Role.VIEWER, "One integration with per-stream health", this::one)
        .put(
            BASE + "/{id}", Role.ADMIN, "Edit an integration (omitted secret = keep)", this::update)
        .delete(
            BASE + "/{id}", Role.ADMIN, "Remove an integration and stop its streams", this::remove)
        .post(BASE + "/{id}/enable", Role.ADMIN, "Enable an integration", ctx -> enable(ctx, true))
        .post(
            BASE + "/{id}/disable", Role.ADMIN, "Disable an integration", ctx -> enable(ctx, false))
        .post(BASE + "/{id}/test", Role.ADMIN, "Test a saved integration", this::testSaved);
  }

  private IntegrationRepository repo() {
    return services.dir().integrations();
  }

  private void list(Context ctx) {
    Map<String, List<StreamHealth>> health = healthById();
    Map<StreamId, StreamStats> stats = statsByStream();
    List<Object> out = new ArrayList<>();
    for (IntegrationConfig i : repo().list()) {
      out.add(view(i, health, stats));
    }
    ctx.json(Map.of("integrations", out));
  }

  private void one(Context ctx) {
    ctx.json(view(require(ctx), healthById(), statsByStream()));
  }

  private void validate(Context ctx) {
    IntegrationFields.Request request = Json.body(ctx, IntegrationFields.Request.class);
    Map<String, String> fields;
    try {
      IntegrationConfig candidate =
          IntegrationFields.toConfig(request, null, services.dir().vault(), Instant.now());
      fields = IntegrationFields.byField(IntegrationValidator.problems(candidate, repo().list()));
    } catch (ApiException e) {
      @SuppressWarnings("unchecked")
      Map<String, String> parsed = (Map<String, String>) e.extra().getOrDefault("fields", Map.of());
      fields = parsed;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("valid", fields.isEmpty());
    out.put("fields", fields);
    ctx.json(out);
  }

  private void create(Context ctx) {
    IntegrationFields.Request request = Json.body(ctx, IntegrationFields.Request.class);
    IntegrationConfig config =
        IntegrationFields.toConfig(request, null, services.dir().vault(), Instant.now());
    repo().add(config);
    apply(config);
    services.audit(ctx, "integration.create", config.id(), "ok", Map.of("name", config.name()));
    ctx.status(201);
    ctx.json(view(config, healthById(), statsByStream()));
  }

  private void update(Context ctx) {
    IntegrationConfig old = require(ctx);
    IntegrationFields.Request request = Json.body(ctx, IntegrationFields.Request.class);
    IntegrationConfig next =
        IntegrationFields.toConfig(request, old, services.dir().vault(), Instant.now());
    IntegrationFields.requireSecretsOnNewAddress(request, old, next);
    repo().update(old.id(), next);
    if (!old.id().equals(next.id())) {
      stop(old.id());
    }
    apply(next);
    services.audit(ctx, "integration.update", old.id(), "ok", Map.of("changed", changed(request)));
    ctx.json(view(next, healthById(), statsByStream()));
  }

  private void remove(Context ctx) {
    IntegrationConfig old = require(ctx);
    repo().remove(old.id());
    stop(old.id());
    services.audit(ctx, "integration.delete", old.id(), "ok", Map.of());
    ctx.status(204);
  }

  private void enable(Context ctx, boolean on) {
    IntegrationConfig old = require(ctx);
    IntegrationConfig next = old.withEnabled(on);
    repo().update(old.id(), next);
    apply(next);
    services.audit(
        ctx, on ? "integration.enable" : "integration.disable", old.id(), "ok", Map.of());
    ctx.json(view(next, healthById(), statsByStream()));
  }

  private void testNew(Context ctx) {
    IntegrationFields.Request request = Json.body(ctx, IntegrationFields.Request.class);
    IntegrationConfig candidate =
        IntegrationFields.toConfig(request, null, services.dir().vault(), Instant.now());
    List<String> problems = IntegrationValidator.problems(candidate, List.of());
    if (!problems.isEmpty()) {
      throw new InvalidIntegrationException(problems);
    }
    ctx.json(test(ctx, candidate, null));
  }

  private void testSaved(Context ctx) {
    IntegrationConfig config = require(ctx);
    ctx.json(test(ctx, config, config.id()));
  }

  private Map<String, Object> test(Context ctx, IntegrationConfig config, String target) {
    MimecastClient client;
    try {
      client = services.clients().forIntegration(config);
    } catch (SecretUnavailableException e) {
      throw new ApiException(400, "secret_unavailable", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("cannot build a client: " + e.getMessage());
    }
    List<Map<String, Object>> results = new ArrayList<>();
    boolean allOk = true;
    for (ConnectionTester.Result r : tester.test(config, client)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("dataType", r.type().id());
      row.put("ok", r.ok());
      row.put("detail", r.detail());
      results.add(row);
      allOk &= r.ok();
    }
    services.audit(ctx, "integration.test", target, allOk ? "ok" : "failed", Map.of());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", allOk);
    out.put("results", results);
    return out;
  }

  private IntegrationConfig require(Context ctx) {
    String id = ctx.pathParam("id");
    return repo()
        .find(id)
        .orElseThrow(() -> ApiException.notFound("no integration '" + Json.clip(id) + "'"));
  }

  private void apply(IntegrationConfig config) {
    if (services.collectors() != null) {
      services.collectors().apply(config);
    }
  }

  private void stop(String id) {
    if (services.collectors() != null) {
      services.collectors().remove(id);
    }
  }

  private static List<String> changed(IntegrationFields.Request r) {
    List<String> out = new ArrayList<>();
    var components = IntegrationFields.Request.class.getRecordComponents();
    for (var component : components) {
      try {
        if (component.getAccessor().invoke(r) != null) {
          out.add(component.getName());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private Map<String, List<StreamHealth>> healthById() {
    if (services.collectors() == null) {
      return Map.of();
    }
    return services.collectors().health().stream()
        .collect(Collectors.groupingBy(h -> h.stream().integrationId()));
  }

  private Map<StreamId, StreamStats> statsByStream() {
    return services.store().streamStats().stream()
        .collect(Collectors.toMap(StreamStats::stream, Function.identity(), (a, b) -> a));
  }

  private Map<String, Object> view(
      IntegrationConfig i,
      Map<String, List<StreamHealth>> health,
      Map<StreamId, StreamStats> stats) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", i.id());
    out.put("name", i.name());
    out.put("description", i.description());
    out.put("tenant", i.tenant());
    out.put("api", i.apiVersion() == null ? null : i.apiVersion().label());
    out.put("region", i.region());
    out.put("baseUrl", i.baseUrl() == null ? null : i.baseUrl().toString());
    if (i.apiVersion() == ApiVersion.V1) {
      out.put("appId", i.appId());
      out.put("appKey", IntegrationFields.masked(i.appKey()));
      out.put("accessKey", IntegrationFields.masked(i.accessKey()));
      out.put("secretKey", IntegrationFields.masked(i.secretKey()));
    } else {
      out.put("clientId", i.clientId());
      out.put("clientSecret", IntegrationFields.masked(i.clientSecret()));
    }
    out.put("dataTypes", IntegrationFields.ids(i.dataTypes()));
    out.put("feedTypes", i.feedTypes().stream().sorted().toList());
    out.put("lookBack", Durations.format(i.lookBack()));
    out.put("pollInterval", Durations.format(i.pollInterval()));
    out.put("internalDomains", i.internalDomains());
    out.put("internalNetworks", i.internalNetworks());
    out.put("enabled", i.enabled());
    out.put("createdAt", i.createdAt());
    List<StreamHealth> streams = health.getOrDefault(i.id(), List.of());
    out.put("state", state(i, streams));
    List<Object> rows = new ArrayList<>();
    Instant startOfDay = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (DataType type : DataType.values()) {
      if (!i.dataTypes().contains(type)) {
        continue;
      }
      StreamId id = new StreamId(i.id(), type.id());
      Optional<StreamHealth> h = streams.stream().filter(s -> s.stream().equals(id)).findFirst();
      StreamStats stored = stats.get(id);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("dataType", type.id());
      row.put("state", h.map(s -> s.state().name()).orElse(i.enabled() ? "PENDING" : "DISABLED"));
      row.put("reason", h.map(StreamHealth::reason).orElse(""));
      row.put("lastAttempt", h.map(StreamHealth::lastAttempt).orElse(null));
      row.put("lastSuccess", h.map(StreamHealth::lastSuccess).orElse(null));
      row.put("lastEvent", h.map(StreamHealth::newestEvent).orElse(null));
      row.put("lastCommit", stored == null ? null : stored.lastCommit());
      row.put("lagSeconds", h.map(s -> s.lag() == null ? null : s.lag().toSeconds()).orElse(null));
      row.put("caughtUp", h.map(StreamHealth::caughtUp).orElse(false));
      row.put("eventsToday", eventsSince(i.id(), type.id(), startOfDay));
      row.put("storedEvents", stored == null ? 0 : stored.events());
      row.put("quarantined", stored == null ? 0 : stored.quarantined());
      row.put("gaps", stored == null ? 0 : stored.gaps());
      rows.add(row);
    }
    out.put("streams", rows);
    return out;
  }

  private long eventsSince(String integrationId, String dataType, Instant from) {
    return services
        .store()
        .count(
            new EventQuery(
                java.util.Set.of(),
                Predicates.and(
                    Predicates.eq("ingest.integration_id", integrationId),
                    Predicates.eq("ingest.data_type", dataType)),
                from,
                null));
  }

  private static String state(IntegrationConfig i, List<StreamHealth> streams) {
    if (!i.enabled()) {
      return "DISABLED";
    }
    if (streams.isEmpty()) {
      return StreamState.PENDING.name();
    }
    return HealthMetrics.byIntegration(streams).get(i.id()).name();
  }
}
