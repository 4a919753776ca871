package io.mailsec.core.query;

import java.util.Objects;

/**
 * The operand does not match. Note the difference to {@code !=}: {@code NOT (f = 'x')} also matches
 * events without {@code f}, {@code f != 'x'} does not.
 */
public record Not(Predicate operand) implements Predicate {
  public Not {
    Objects.requireNonNull(operand, "operand");
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitNot(this);
  }

  @Override
  public String toString() {
    return "NOT " + operand;
  }
}
