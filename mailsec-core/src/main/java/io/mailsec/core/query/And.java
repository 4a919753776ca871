package io.mailsec.core.query;

import java.util.List;
import java.util.stream.Collectors;

/** All operands match. At least one operand. */
public record And(List<Predicate> operands) implements Predicate {
  public And {
    operands = Predicates.requireOperands(operands, "AND");
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitAnd(this);
  }

  @Override
  public String toString() {
    return operands.stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
  }
}
