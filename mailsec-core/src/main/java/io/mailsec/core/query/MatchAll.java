package io.mailsec.core.query;

/** Matches every event: the predicate of a query without a WHERE clause. */
public record MatchAll() implements Predicate {
  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitMatchAll(this);
  }

  @Override
  public String toString() {
    return "*";
  }
}
