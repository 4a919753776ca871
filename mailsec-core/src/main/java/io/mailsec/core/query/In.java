package io.mailsec.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code field IN (v1, v2, ...)}: the same as {@code field = v1 OR field = v2 ...}, including CIDR
 * blocks on ip fields. At least one value.
 */
public record In(String field, List<Object> values) implements Predicate {
  public In {
    Literals.requireField(field);
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("IN needs at least one value");
    }
    List<Object> checked = new ArrayList<>(values.size());
    for (Object v : values) {
      checked.add(Literals.check(v, field));
    }
    values = List.copyOf(checked);
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitIn(this);
  }

  @Override
  public String toString() {
    return field
        + " IN ("
        + values.stream().map(Predicates::quote).collect(Collectors.joining(", "))
        + ")";
  }
}
