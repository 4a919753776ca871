package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.core.schema.FieldDef;
import io.mailsec.core.schema.LogicalType;
import io.mailsec.core.schema.Schema;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.server.auth.Role;
import io.mailsec.server.collect.HealthMetrics;
import io.mailsec.server.collect.StreamHealth;
import io.mailsec.server.collect.StreamState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health} (open, counts only), {@code /metrics} (Prometheus text; open only with {@code
 * --metrics-public}), the OpenAPI document and the schema description for the console's editor.
 */
final class SystemRoutes implements RouteGroup {
  /** Words of the query language, for editor suggestions. */
  static final List<String> KEYWORDS =
      List.of(
          "FROM",
          "WHERE",
          "AND",
          "OR",
          "NOT",
          "IN",
          "!IN",
          "CONTAINS",
          "!CONTAINS",
          "STARTSWITH",
          "!STARTSWITH",
          "ENDSWITH",
          "!ENDSWITH",
          "MATCHES_REGEX",
          "MATCHES",
          "IS NULL",
          "IS NOT NULL",
          "EARLIEST",
          "LATEST",
          "now",
          "true",
          "false");

  static final List<String> PIPES =
      List.of("head", "tail", "sort", "fields", "aggregate", "by", "bin", "asc", "desc");
  static final List<String> FUNCTIONS = List.of("count", "distinct", "min", "max", "sum", "avg");
  static final List<String> OPERATORS = List.of("=", "!=", "<", "<=", ">", ">=", "==", "<>");

  private final Services services;
  private final boolean metricsPublic;
  private final Supplier<Map<String, Object>> openApi;

  SystemRoutes(Services services, boolean metricsPublic, Supplier<Map<String, Object>> openApi) {
    this.services = services;
    this.metricsPublic = metricsPublic;
    this.openApi = openApi;
  }

  @Override
  public void addTo(RouteTable routes) {
    routes
        .get("/health", null, "Liveness and collection state (open): counts only", this::health)
        .get(
            "/metrics",
            metricsPublic ? null : Role.VIEWER,
            "Prometheus metrics of streams and the store",
            this::metrics)
        .get(
            "/api/v1/openapi.json", Role.VIEWER, "This API as an OpenAPI 3 document", this::openApi)
        .get(
            "/api/v1/schema",
            Role.VIEWER,
            "Schemas, fields, logical types and query keywords",
            this::schema);
  }

  private List<StreamHealth> health() {
    return services.collectors() == null ? List.of() : services.collectors().health();
  }

  private void health(Context ctx) {
    Map<StreamState, Integer> counts = new EnumMap<>(StreamState.class);
    for (StreamState s : StreamState.values()) {
      counts.put(s, 0);
    }
    List<StreamHealth> streams = health();
    streams.forEach(h -> counts.merge(h.state(), 1, Integer::sum));
    int bad = counts.get(StreamState.ERROR) + counts.get(StreamState.DEGRADED);
    String status =
        streams.isEmpty() || bad == 0
            ? "ok"
            : counts.get(StreamState.ERROR) == streams.size() ? "error" : "degraded";
    Map<String, Object> byState = new LinkedHashMap<>();
    counts.forEach((k, v) -> byState.put(k.name().toLowerCase(Locale.ROOT), v));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status);
    out.put("streams", byState);
    ctx.json(out);
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(HealthMetrics.prometheus(health(), services.store().streamStats()));
  }

  private void openApi(Context ctx) {
    ctx.json(openApi.get());
  }

  private void schema(Context ctx) {
    SchemaRegistry registry = SchemaRegistry.standard();
    List<Object> schemas = new ArrayList<>();
    for (Schema schema : registry.schemas()) {
      List<Object> fields = new ArrayList<>();
      for (FieldDef f : schema.fields()) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", f.name());
        field.put("type", f.type().wireName());
        field.put("repeated", schema.isMultiValued(f.name()));
        field.put("required", f.required());
        field.put("description", f.description());
        field.put("tags", f.tags().stream().map(LogicalType::token).sorted().toList());
        fields.add(field);
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", schema.name());
      s.put("description", schema.description());
      s.put("fields", fields);
      schemas.add(s);
    }
    List<Object> logical = new ArrayList<>();
    for (LogicalType type : LogicalType.values()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("token", type.token());
      Map<String, List<String>> fields = new LinkedHashMap<>();
      registry
          .fieldsTagged(type)
          .forEach(
              (schema, defs) -> fields.put(schema, defs.stream().map(FieldDef::name).toList()));
      t.put("fields", fields);
      logical.add(t);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schemas", schemas);
    out.put("logicalTypes", logical);
    out.put("keywords", KEYWORDS);
    out.put("operators", OPERATORS);
    out.put("pipes", PIPES);
    out.put("functions", FUNCTIONS);
    ctx.json(out);
  }
}
