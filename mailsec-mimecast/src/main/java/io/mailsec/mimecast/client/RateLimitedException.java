package io.mailsec.mimecast.client;

import java.time.Duration;

/** Still throttled (HTTP 429) after the configured retries, or asked to wait too long. */
public final class RateLimitedException extends MimecastApiException {
  private final Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter) {
    super(
        "rate_limited",
        429,
        true,
        message,
        "Mimecast's rate limit for these API credentials is exhausted; mailsec waits and retries on"
            + " its own. If this persists, reduce the number of integrations or data types sharing"
            + " the same credentials, lengthen the poll interval, or use separate API credentials"
            + " per data type.",
        null);
    this.retryAfter = retryAfter;
  }

  /** How long Mimecast asked to wait, or null when it did not say. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
