package io.mailsec.core.query;

import java.util.Objects;

/**
 * {@code field ENDSWITH 'text'}: some value of the field ends with {@code text}, ignoring case
 * ({@link TextFolding}). Applies to the same field types as {@link Contains}; an empty text matches
 * every event that has the field.
 */
public record EndsWith(String field, String text) implements Predicate {
  public EndsWith {
    Literals.requireField(field);
    Objects.requireNonNull(text, "text");
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitEndsWith(this);
  }

  @Override
  public String toString() {
    return field + " ENDSWITH " + Predicates.quote(text);
  }
}
