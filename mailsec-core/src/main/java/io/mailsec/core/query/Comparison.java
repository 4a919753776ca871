package io.mailsec.core.query;

/**
 * {@code field op value}. How the operand is read depends on the field's type:
 *
 * <ul>
 *   <li><b>keyword</b>: compared as text, case-folded; numbers and booleans are compared by their
 *       text ({@code 550} equals {@code "550"}). Ranges order by Unicode code point.
 *   <li><b>text</b>: {@code =} and {@code !=} compare the whole value, case-folded; no ranges.
 *   <li><b>long, double</b>: a number or a numeric string; a long field compared with a fraction
 *       behaves mathematically ({@code x < 2.5} is {@code x <= 2}, {@code x = 2.5} matches
 *       nothing).
 *   <li><b>timestamp</b>: an {@link java.time.Instant} or an ISO-8601 string; both sides are
 *       truncated to whole microseconds before comparing.
 *   <li><b>boolean</b>: {@code true}/{@code false} or their text, any case; no ranges.
 *   <li><b>ip</b>: an IPv4/IPv6 literal, or for {@code =} and {@code !=} a CIDR block such as
 *       {@code 10.0.0.0/8} (matches every address inside). IPv4 and IPv4-mapped IPv6 are the same
 *       address. Ranges order numerically.
 * </ul>
 *
 * An operand that cannot be read as the field's type is an {@link IllegalArgumentException} when
 * the predicate is executed, as is a range on a type without order.
 *
 * @param value a String, Long, Double, Boolean or Instant (Integer and Float are widened)
 */
public record Comparison(String field, Operator op, Object value) implements Predicate {
  public Comparison {
    Literals.requireField(field);
    if (op == null) {
      throw new IllegalArgumentException("operator must not be null");
    }
    value = Literals.check(value, field);
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitComparison(this);
  }

  @Override
  public String toString() {
    return field + " " + op.symbol() + " " + Predicates.quote(value);
  }
}
