package io.mailsec.core.store;

import java.util.Objects;

/**
 * Which ledger entries (quarantined records or gaps) to list, newest first.
 *
 * @param stream only this stream's entries, or null for all streams
 * @param limit at most this many, 1 to {@link SearchRequest#MAX_LIMIT}
 */
public record LedgerQuery(StreamId stream, int limit) {
  public LedgerQuery {
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + SearchRequest.MAX_LIMIT);
    }
  }

  public static LedgerQuery all(int limit) {
    return new LedgerQuery(null, limit);
  }

  public static LedgerQuery of(StreamId stream, int limit) {
    return new LedgerQuery(Objects.requireNonNull(stream, "stream"), limit);
  }
}
