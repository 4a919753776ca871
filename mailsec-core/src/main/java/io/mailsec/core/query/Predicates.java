package io.mailsec.core.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Short factory methods for building predicates in code, e.g. {@code and(eq("status", "held"))}.
 */
public final class Predicates {
  private static final MatchAll ALL = new MatchAll();

  private Predicates() {}

  public static MatchAll all() {
    return ALL;
  }

  public static Comparison eq(String field, Object value) {
    return new Comparison(field, Operator.EQ, value);
  }

  public static Comparison ne(String field, Object value) {
    return new Comparison(field, Operator.NE, value);
  }

  public static Comparison lt(String field, Object value) {
    return new Comparison(field, Operator.LT, value);
  }

  public static Comparison le(String field, Object value) {
    return new Comparison(field, Operator.LE, value);
  }

  public static Comparison gt(String field, Object value) {
    return new Comparison(field, Operator.GT, value);
  }

  public static Comparison ge(String field, Object value) {
    return new Comparison(field, Operator.GE, value);
  }

  public static Contains contains(String field, String text) {
    return new Contains(field, text);
  }

  public static StartsWith startsWith(String field, String text) {
    return new StartsWith(field, text);
  }

  public static EndsWith endsWith(String field, String text) {
    return new EndsWith(field, text);
  }

  public static Regex regex(String field, String pattern) {
    return new Regex(field, pattern);
  }

  public static In in(String field, Object... values) {
    return new In(field, Arrays.asList(values));
  }

  public static IsNull isNull(String field) {
    return new IsNull(field);
  }

  public static Not isNotNull(String field) {
    return new Not(new IsNull(field));
  }

  public static And and(Predicate... operands) {
    return new And(Arrays.asList(operands));
  }

  public static Or or(Predicate... operands) {
    return new Or(Arrays.asList(operands));
  }

  public static Not not(Predicate operand) {
    return new Not(operand);
  }

  static List<Predicate> requireOperands(List<Predicate> operands, String what) {
    if (operands == null || operands.isEmpty()) {
      throw new IllegalArgumentException(what + " needs at least one operand");
    }
    operands.forEach(o -> Objects.requireNonNull(o, what + " operand"));
    return List.copyOf(operands);
  }

  /** Writes an operand the way the query language would, for messages and toString. */
  static String quote(Object value) {
    if (value instanceof String || value instanceof Instant) {
      return "'" + value.toString().replace("'", "\\'") + "'";
    }
    return String.valueOf(value);
  }
}
