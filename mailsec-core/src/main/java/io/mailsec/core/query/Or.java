package io.mailsec.core.query;

import java.util.List;
import java.util.stream.Collectors;

/** At least one operand matches. At least one operand. */
public record Or(List<Predicate> operands) implements Predicate {
  public Or {
    operands = Predicates.requireOperands(operands, "OR");
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitOr(this);
  }

  @Override
  public String toString() {
    return operands.stream().map(Object::toString).collect(Collectors.joining(" OR ", "(", ")"));
  }
}
