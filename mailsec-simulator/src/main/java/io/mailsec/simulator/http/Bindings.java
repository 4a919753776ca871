package io.mailsec.simulator.http;

import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.data.Rng;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API 1.0 access-key/secret-key bindings: the initial one from the credentials, plus those {@code
 * /api/login/login} issues. A binding expires only when the {@code expire-binding} fault fires or a
 * login refreshes it; issued keys are derived from the seed and a counter, so the same request
 * sequence yields the same keys.
 */
final class Bindings {

  /** One binding. Expiry is one-way. */
  static final class Binding {
    final String accessKey;
    final String secretKeyBase64;
    final byte[] secretKey;
    final String user;
    private volatile boolean expired;

    Binding(String accessKey, String secretKeyBase64, String user) {
      this.accessKey = accessKey;
      this.secretKeyBase64 = secretKeyBase64;
      this.secretKey = Base64.getDecoder().decode(secretKeyBase64);
      this.user = user;
    }

    boolean expired() {
      return expired;
    }

    void expire() {
      expired = true;
    }
  }

  private final long seed;
  private final AtomicLong issued = new AtomicLong();
  private final Map<String, Binding> byAccessKey = new ConcurrentHashMap<>();

  Bindings(long seed, SimulatorCredentials credentials) {
    this.seed = seed;
    Binding initial =
        new Binding(
            credentials.api1AccessKey(), credentials.api1SecretKey(), credentials.api1Email());
    byAccessKey.put(initial.accessKey, initial);
  }

  Binding find(String accessKey) {
    return accessKey == null ? null : byAccessKey.get(accessKey);
  }

  Binding issue(String user) {
    Rng rng = Rng.of(seed, 0xB1D1L, issued.incrementAndGet());
    Binding binding =
        new Binding(rng.base64Url(86), Base64.getEncoder().encodeToString(rng.bytes(64)), user);
    byAccessKey.put(binding.accessKey, binding);
    return binding;
  }
}
