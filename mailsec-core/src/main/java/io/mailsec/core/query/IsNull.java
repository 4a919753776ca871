package io.mailsec.core.query;

/**
 * {@code field IS NULL}: the event has no value for the field (absent and empty are the same, see
 * {@link io.mailsec.core.event.Event}). For an object field such as {@code attachments} it means
 * the event has no such object. {@code IS NOT NULL} is {@code Not(IsNull)}.
 */
public record IsNull(String field) implements Predicate {
  public IsNull {
    Literals.requireField(field);
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitIsNull(this);
  }

  @Override
  public String toString() {
    return field + " IS NULL";
  }
}
