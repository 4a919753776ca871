package io.mailsec.core.ql;

import java.time.Instant;
import java.util.Objects;

/**
 * A query a user saved under a name (model only; storing and listing saved searches comes later).
 *
 * @param name unique per owner, 1 to 100 characters
 * @param query the query text as the user wrote it
 * @param owner the user who saved it
 * @param created when it was saved first
 * @param updated when it was last changed; not before {@code created}
 */
public record SavedSearch(
    String name, String query, String owner, Instant created, Instant updated) {
  public static final int MAX_NAME_LENGTH = 100;

  public SavedSearch {
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "a saved search needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
    }
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    if (updated.isBefore(created)) {
      throw new IllegalArgumentException("a saved search cannot be updated before it was created");
    }
  }

  /** The same search with a new query text, changed at {@code now}. */
  public SavedSearch withQuery(String newQuery, Instant now) {
    return new SavedSearch(name, newQuery, owner, created, now);
  }
}
