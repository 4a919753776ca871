package io.mailsec.core.schema;

import io.mailsec.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks an event's field tree against its schema. */
final class SchemaValidator {
  private SchemaValidator() {}

  static List<Violation> validate(Schema schema, Event event) {
    List<Violation> violations = new ArrayList<>();
    for (FieldDef field : schema.fields()) {
      if (field.required() && event.get(field.name()).isEmpty()) {
        violations.add(new Violation(field.name(), "missing required field"));
      }
    }
    checkObject(schema, event.fields(), "", violations);
    return violations;
  }

  private static void checkObject(
      Schema schema, Map<?, ?> object, String prefix, List<Violation> violations) {
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      String path = prefix.isEmpty() ? (String) entry.getKey() : prefix + "." + entry.getKey();
      FieldDef field = schema.field(path).orElse(null);
      if (field == null) {
        violations.add(new Violation(path, "unknown field"));
        continue;
      }
      Object value = entry.getValue();
      if (value instanceof List<?> list) {
        if (!field.repeated()) {
          violations.add(new Violation(path, "field is not repeated but holds a list"));
        }
        for (Object element : list) {
          checkValue(schema, field, element, violations);
        }
      } else {
        checkValue(schema, field, value, violations);
      }
    }
  }

  private static void checkValue(
      Schema schema, FieldDef field, Object value, List<Violation> violations) {
    if (field.type() == FieldType.OBJECT) {
      if (value instanceof Map<?, ?> map) {
        checkObject(schema, map, field.name(), violations);
      } else {
        violations.add(new Violation(field.name(), "expected an object"));
      }
      return;
    }
    String problem = typeProblem(field.type(), value);
    if (problem != null) {
      violations.add(new Violation(field.name(), problem));
    }
  }

  private static String typeProblem(FieldType type, Object value) {
    boolean ok =
        switch (type) {
          case KEYWORD, TEXT -> value instanceof String;
          case LONG -> value instanceof Long;
          case DOUBLE -> value instanceof Double;
          case BOOLEAN -> value instanceof Boolean;
          case TIMESTAMP -> value instanceof Instant;
          case IP -> value instanceof String s && IpLiterals.parse(s).isPresent();
          case OBJECT -> value instanceof Map;
        };
    if (ok) {
      return null;
    }
    if (type == FieldType.IP && value instanceof String s) {
      return "not an IP address: '" + s + "'";
    }
    return "expected " + type.wireName() + " but got " + value.getClass().getSimpleName();
  }
}
