package io.mailsec.core.query;

import java.util.Objects;

/**
 * {@code field STARTSWITH 'text'}: some value of the field begins with {@code text}, ignoring case
 * ({@link TextFolding}). Applies to the same field types as {@link Contains}; an empty text matches
 * every event that has the field.
 */
public record StartsWith(String field, String text) implements Predicate {
  public StartsWith {
    Literals.requireField(field);
    Objects.requireNonNull(text, "text");
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitStartsWith(this);
  }

  @Override
  public String toString() {
    return field + " STARTSWITH " + Predicates.quote(text);
  }
}
