package io.mailsec.simulator.http;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-credential call budgets in fixed one-minute windows (aligned to the clock's minutes). Every
 * API call spends one unit of its credential's budget, failed ones included; a call over budget is
 * refused with 429 and does not spend.
 */
final class RateLimiter {

  /**
   * @param resetMillis milliseconds until the window ends and calls are allowed again
   */
  record Decision(boolean allowed, int limit, int remaining, long resetMillis) {}

  private record Window(long index, int used) {}

  private static final long WINDOW_MS = 60_000;

  private final int limit;
  private final Map<String, Window> windows = new HashMap<>();

  RateLimiter(int limit) {
    this.limit = limit;
  }

  /**
   * Spends one call of the key's budget.
   *
   * @param forceRefusal refuse as if the budget were exhausted (the {@code rate-limit} fault)
   */
  synchronized Decision acquire(String key, Instant now, boolean forceRefusal) {
    long millis = now.toEpochMilli();
    long index = Math.floorDiv(millis, WINDOW_MS);
    long reset = (index + 1) * WINDOW_MS - millis;
    Window window = windows.get(key);
    if (window == null || window.index() != index) {
      window = new Window(index, 0);
    }
    if (forceRefusal || window.used() >= limit) {
      windows.put(key, window);
      return new Decision(false, limit, 0, reset);
    }
    window = new Window(index, window.used() + 1);
    windows.put(key, window);
    return new Decision(true, limit, limit - window.used(), reset);
  }
}
