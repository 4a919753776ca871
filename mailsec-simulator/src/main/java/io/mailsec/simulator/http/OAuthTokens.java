package io.mailsec.simulator.http;

import io.mailsec.simulator.data.Rng;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API 2.0 access tokens: issued by {@code /oauth/token}, expiring after the configured lifetime.
 */
final class OAuthTokens {

  enum State {
    VALID,
    EXPIRED,
    UNKNOWN
  }

  /** The outcome of checking a token; {@code clientId} is null when the token is unknown. */
  record Check(State state, String clientId) {}

  private record Grant(String clientId, Instant expiresAt, boolean revoked) {}

  private final long seed;
  private final Duration lifetime;
  private final AtomicLong issued = new AtomicLong();
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();

  OAuthTokens(long seed, Duration lifetime) {
    this.seed = seed;
    this.lifetime = lifetime;
  }

  Duration lifetime() {
    return lifetime;
  }

  String issue(String clientId, Instant now) {
    String token = Rng.of(seed, 0x70CE1L, issued.incrementAndGet()).base64Url(54);
    grants.put(token, new Grant(clientId, now.plus(lifetime), false));
    return token;
  }

  Check check(String token, Instant now) {
    Grant grant = token == null ? null : grants.get(token);
    if (grant == null) {
      return new Check(State.UNKNOWN, null);
    }
    boolean valid = !grant.revoked() && now.isBefore(grant.expiresAt());
    return new Check(valid ? State.VALID : State.EXPIRED, grant.clientId());
  }

  /** The client a token was issued to, even if it has expired; {@code null} if unknown. */
  String clientOf(String token) {
    Grant grant = token == null ? null : grants.get(token);
    return grant == null ? null : grant.clientId();
  }

  void revokeAll() {
    grants.replaceAll((token, grant) -> new Grant(grant.clientId(), grant.expiresAt(), true));
  }
}
