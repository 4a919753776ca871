package io.mailsec.core.schema;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.TimestampFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single source of truth for event schemas: which fields each schema has, their types, whether
 * they repeat, what they mean and which logical types ({@code @ip}, ...) they answer to. The query
 * language, the store, the docs ({@code docs/schema.md}) and the console all read it from here.
 *
 * <p>Immutable and thread-safe.
 */
public final class SchemaRegistry implements TimestampFields {
  public static final String EMAIL = "email";
  public static final String HTTP = "http";
  public static final String THREAT_INDICATOR = "threat_indicator";
  public static final String AUDIT = "audit";
  public static final String ALERT = "alert";

  private static final SchemaRegistry STANDARD = createStandard();

  private final Map<String, Schema> schemas;
  private final List<FieldDef> commonFields;

  private SchemaRegistry(List<Schema> schemas, List<FieldDef> commonFields) {
    Map<String, Schema> index = new LinkedHashMap<>();
    schemas.forEach(s -> index.put(s.name(), s));
    this.schemas = Map.copyOf(index);
    this.commonFields = List.copyOf(commonFields);
  }

  /** The built-in schemas: email, http, threat_indicator, audit, alert. */
  public static SchemaRegistry standard() {
    return STANDARD;
  }

  private static SchemaRegistry createStandard() {
    List<FieldDef> common = CommonFields.fields();
    return new SchemaRegistry(
        List.of(
            schema(
                EMAIL,
                "One row of Mimecast mail-flow (SIEM), email-protection (TTP attachment,"
                    + " impersonation) or Data Leak Prevention (`event_type` `dlp`) logs.",
                common,
                EmailFields.fields(),
                AlertFields.indicatorMatchFields()),
            schema(
                HTTP,
                "A user's click on a URL rewritten by Mimecast TTP URL Protect.",
                common,
                HttpFields.fields(),
                AlertFields.indicatorMatchFields()),
            schema(
                THREAT_INDICATOR,
                "An indicator from the Mimecast threat-intel feed (STIX or CSV).",
                common,
                ThreatIndicatorFields.fields()),
            schema(AUDIT, "A Mimecast administration audit event.", common, AuditFields.fields()),
            schema(
                ALERT,
                "A detection raised by a rule or built-in detector (see docs/detections.md). Only"
                    + " searched with `FROM alert`: a query without FROM looks at events only.",
                common,
                AlertFields.fields())),
        common);
  }

  @SafeVarargs
  private static Schema schema(
      String name, String description, List<FieldDef> common, List<FieldDef>... own) {
    List<FieldDef> all = new ArrayList<>(common);
    for (List<FieldDef> fields : own) {
      all.addAll(fields);
    }
    return new Schema(name, description, all);
  }

  /** Schemas in documentation order. */
  public Collection<Schema> schemas() {
    List<Schema> ordered = new ArrayList<>();
    for (String name : List.of(EMAIL, HTTP, THREAT_INDICATOR, AUDIT, ALERT)) {
      ordered.add(schemas.get(name));
    }
    return ordered;
  }

  /**
   * The schemas a query without FROM may search: all but {@code alert}, because detections and the
   * events they were raised on are not mixed in one result (as in Taegis).
   */
  public Collection<Schema> implicitSchemas() {
    return schemas().stream().filter(s -> !s.name().equals(ALERT)).toList();
  }

  public Optional<Schema> schema(String name) {
    return Optional.ofNullable(schemas.get(name));
  }

  /** Fields every schema has (id, tenant_id, sensor_type, event_time, ...). */
  public List<FieldDef> commonFields() {
    return commonFields;
  }

  /** For each schema, the fields a logical type expands to (schemas without any are left out). */
  public Map<String, List<FieldDef>> fieldsTagged(LogicalType type) {
    Map<String, List<FieldDef>> result = new LinkedHashMap<>();
    for (Schema schema : schemas()) {
      List<FieldDef> tagged =
          schema.fields().stream().filter(f -> f.tags().contains(type)).toList();
      if (!tagged.isEmpty()) {
        result.put(schema.name(), tagged);
      }
    }
    return result;
  }

  /** Every way the event breaks its schema; empty when it is valid. */
  public List<Violation> validate(Event event) {
    return schema(event.schema())
        .map(s -> SchemaValidator.validate(s, event))
        .orElse(List.of(new Violation("", "unknown schema '" + event.schema() + "'")));
  }

  @Override
  public boolean isTimestamp(String schema, String path) {
    return schema(schema)
        .flatMap(s -> s.field(path))
        .map(f -> f.type() == FieldType.TIMESTAMP)
        .orElse(false);
  }
}
