package io.mailsec.mimecast.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a call is retried. Server errors (5xx), timeouts and I/O errors are
 * retried with exponential backoff and jitter; 429 waits as long as Mimecast asks ({@code
 * X-RateLimit-Reset}, {@code Retry-After}) and then retries. Client errors (400/401/403/404) are
 * not retried, except one re-authentication on an expired OAuth token.
 *
 * @param maxAttempts total attempts per call including the first, at least 1
 * @param initialBackoff backoff before the second attempt
 * @param maxBackoff cap of the exponential backoff
 * @param maxServerWait the longest wait the client accepts from a server hint; a longer hint fails
 *     the call at once (retryable) instead of blocking the caller for that long
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxServerWait) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxServerWait, "maxServerWait");
  }

  /** 5 attempts, 0.5 s doubling to at most 30 s, server hints honoured up to 15 minutes. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(15));
  }

  /**
   * The wait after the given failed attempt: {@code initialBackoff * 2^(failedAttempt-1)} capped at
   * {@code maxBackoff}, then scaled into its upper half by {@code jitter} in [0, 1) so that streams
   * sharing a credential do not retry in lock-step.
   */
  public Duration backoff(int failedAttempt, double jitter) {
    long initial = Math.max(0, initialBackoff.toMillis());
    long cap = Math.max(0, maxBackoff.toMillis());
    int shift = Math.min(Math.max(failedAttempt - 1, 0), 30);
    long exponential = initial > (Long.MAX_VALUE >> shift) ? cap : Math.min(cap, initial << shift);
    double clamped = Math.min(Math.max(jitter, 0.0), 1.0);
    return Duration.ofMillis(exponential / 2 + Math.round(exponential / 2.0 * clamped));
  }
}
