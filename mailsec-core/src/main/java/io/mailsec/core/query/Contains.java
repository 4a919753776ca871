package io.mailsec.core.query;

import java.util.Objects;

/**
 * {@code field CONTAINS 'text'}: some value of the field contains {@code text} as a substring,
 * ignoring case ({@link TextFolding}). Applies to text, keyword and ip fields (an ip field is
 * searched in the text it was written as). An empty text matches every event that has the field.
 */
public record Contains(String field, String text) implements Predicate {
  public Contains {
    Literals.requireField(field);
    Objects.requireNonNull(text, "text");
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitContains(this);
  }

  @Override
  public String toString() {
    return field + " CONTAINS " + Predicates.quote(text);
  }
}
