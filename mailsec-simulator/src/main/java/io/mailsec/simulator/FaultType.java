package io.mailsec.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The failures the simulator can inject. Each is armed with a count and an optional path prefix
 * (see {@link SimulatorFaults}); a fault counts down only when it actually fires.
 */
public enum FaultType {
  /** API calls answer 429 with the API's error body and {@code X-RateLimit-Remaining: 0}. */
  RATE_LIMIT("rate-limit"),
  /** Any non-admin request answers 503. */
  SERVER_ERROR("server-error"),
  /** Any non-admin request is delayed by about two seconds, then served normally. */
  SLOW("slow"),
  /**
   * Any non-admin request gets no response; the connection is held ~30 s (or until close), then
   * dropped.
   */
  TIMEOUT("timeout"),
  /** A SIEM batch download returns only the first half of its gzip bytes. */
  TRUNCATED_GZIP("truncated-gzip"),
  /** One record of a served SIEM file (batch NDJSON or 1.0 file) is cut in half. */
  MALFORMED_LINE("malformed-line"),
  /** SIEM batch download URLs answer 403 as if they had expired. */
  EXPIRED_URLS("expired-urls"),
  /**
   * On the next bearer call every issued OAuth token is revoked; that call gets 401 token_expired.
   */
  REVOKE_TOKENS("revoke-tokens"),
  /** On the next signed 1.0 call the binding used expires; it gets 418 err_xdk_binding_expired. */
  EXPIRE_BINDING("expire-binding");

  private final String specName;

  FaultType(String specName) {
    this.specName = specName;
  }

  /** The name used in specs and by the admin endpoint, e.g. {@code rate-limit}. */
  public String specName() {
    return specName;
  }

  public static Optional<FaultType> fromSpecName(String name) {
    String normalized = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.specName.equals(normalized)).findFirst();
  }

  /** All spec names, comma separated, for error messages. */
  public static String allSpecNames() {
    return Arrays.stream(values()).map(FaultType::specName).collect(Collectors.joining(", "));
  }
}
