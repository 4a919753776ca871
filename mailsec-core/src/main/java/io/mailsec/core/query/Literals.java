package io.mailsec.core.query;

import java.time.Instant;
import java.util.Objects;

/** Checks the literal operands that predicates may carry. */
final class Literals {
  private Literals() {}

  /**
   * Returns the operand with small integers widened to Long and Float to Double, or throws when it
   * is not a String, Long, Double, Boolean or Instant.
   */
  static Object check(Object value, String field) {
    Objects.requireNonNull(value, () -> "operand of '" + field + "' must not be null");
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      throw new IllegalArgumentException("operand of '" + field + "' is not a finite number");
    }
    if (value instanceof String
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean
        || value instanceof Instant) {
      return value;
    }
    throw new IllegalArgumentException(
        "operand of '" + field + "' has unsupported type " + value.getClass().getSimpleName());
  }

  static String requireField(String field) {
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException("field must not be empty");
    }
    return field;
  }
}
