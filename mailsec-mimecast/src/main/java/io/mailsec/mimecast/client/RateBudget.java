package io.mailsec.mimecast.client;

import java.time.Duration;
import java.time.Instant;

/**
 * The request budget of one Mimecast credential, shared by every client and stream that uses it
 * (obtain it from {@link RateBudgets}). Mimecast's quota is per user/application, so two streams
 * with the same keys must see each other's consumption and throttling.
 *
 * <p>It is driven only by what Mimecast reports: {@code X-RateLimit-Remaining} and {@code
 * X-RateLimit-Reset} (milliseconds until at least one call is allowed again) when present, and 429
 * responses. Until Mimecast sends those headers (it often does not before the first throttle) the
 * budget is unknown and calls are not delayed. Thread-safe; all methods take "now" so the
 * arithmetic is testable without a clock.
 */
public final class RateBudget {
  private final String key;
  private Integer limit;
  private Integer remaining;
  private Instant resetAt;
  private Instant blockedUntil;
  private long throttledCount;

  RateBudget(String key) {
    this.key = key;
  }

  /** The credential key this budget belongs to (not secret). */
  public String key() {
    return key;
  }

  /**
   * Reserves one call at {@code now}. Returns {@link Duration#ZERO} when the call may go (the
   * reservation is then counted), otherwise how long to wait before asking again.
   */
  public synchronized Duration tryReserve(Instant now) {
    if (blockedUntil != null) {
      if (now.isBefore(blockedUntil)) {
        return Duration.between(now, blockedUntil);
      }
      blockedUntil = null;
    }
    if (remaining != null) {
      if (resetAt != null && !now.isBefore(resetAt)) {
        // The window has refilled by an unknown amount; the next response will tell.
        remaining = null;
        resetAt = null;
      } else if (remaining <= 0) {
        if (resetAt == null) {
          remaining = null;
        } else {
          return Duration.between(now, resetAt);
        }
      } else {
        remaining--;
      }
    }
    return Duration.ZERO;
  }

  /** Records the rate-limit headers of a response received at {@code now} (any may be null). */
  public synchronized void observe(
      Integer limitHeader, Integer remainingHeader, Long resetMillis, Instant now) {
    if (limitHeader != null) {
      limit = limitHeader;
    }
    if (remainingHeader != null) {
      remaining = Math.max(0, remainingHeader);
    }
    if (resetMillis != null) {
      resetAt = now.plusMillis(Math.max(0, resetMillis));
    }
  }

  /**
   * Records a 429 at {@code now}: no call on this credential goes out for {@code wait} (Mimecast's
   * reset hint, or the caller's backoff when Mimecast gave none).
   */
  public synchronized void throttled(Duration wait, Instant now) {
    throttledCount++;
    remaining = 0;
    Instant until = now.plus(wait);
    resetAt = until;
    if (blockedUntil == null || until.isAfter(blockedUntil)) {
      blockedUntil = until;
    }
  }

  /** A consistent view for health pages and metrics. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(key, limit, remaining, resetAt, blockedUntil, throttledCount);
  }

  /**
   * The state of a budget. Null fields are unknown (Mimecast has not reported them yet).
   *
   * @param throttledCount 429 responses seen on this credential since start
   */
  public record Snapshot(
      String key,
      Integer limit,
      Integer remaining,
      Instant resetAt,
      Instant blockedUntil,
      long throttledCount) {}
}
