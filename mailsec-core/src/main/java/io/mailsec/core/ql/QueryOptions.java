package io.mailsec.core.ql;

import java.time.Duration;

/**
 * Settings of the query language.
 *
 * @param defaultWindow how far back a query without EARLIEST looks (default 24 hours)
 * @param maxWindow the longest time window a query may span, from EARLIEST to LATEST (default 31
 *     days, as in Taegis)
 * @param maxScannedEvents the most events a store query may load into memory when its pipes cannot
 *     be answered by the store directly (tail, functions other than count, ...); more is an error
 */
public record QueryOptions(Duration defaultWindow, Duration maxWindow, int maxScannedEvents) {
  public static final QueryOptions DEFAULTS =
      new QueryOptions(Duration.ofHours(24), Duration.ofDays(31), 200_000);

  public QueryOptions {
    if (defaultWindow.isNegative() || defaultWindow.isZero()) {
      throw new IllegalArgumentException("the default window must be positive");
    }
    if (maxWindow.compareTo(defaultWindow) < 0) {
      throw new IllegalArgumentException("the maximum window is shorter than the default");
    }
    if (maxScannedEvents < 1) {
      throw new IllegalArgumentException("maxScannedEvents must be positive");
    }
  }

  public QueryOptions withDefaultWindow(Duration window) {
    return new QueryOptions(window, maxWindow, maxScannedEvents);
  }

  public QueryOptions withMaxWindow(Duration window) {
    return new QueryOptions(defaultWindow, window, maxScannedEvents);
  }

  public QueryOptions withMaxScannedEvents(int max) {
    return new QueryOptions(defaultWindow, maxWindow, max);
  }
}
