package io.mailsec.core.store;

/**
 * One sort criterion of a search. Keyword values sort by their folded text (code point order), ip
 * values numerically. A multi-valued field sorts by its smallest value ascending and by its largest
 * value descending. Events without the field come last in both directions.
 *
 * @param field a keyword, long, double, boolean, timestamp or ip field (not text)
 * @param descending true for largest first
 */
public record SortKey(String field, boolean descending) {
  public SortKey {
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException("sort field must not be empty");
    }
  }

  public static SortKey asc(String field) {
    return new SortKey(field, false);
  }

  public static SortKey desc(String field) {
    return new SortKey(field, true);
  }

  @Override
  public String toString() {
    return field + (descending ? " desc" : " asc");
  }
}
