package io.mailsec.simulator.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals cursor payloads into opaque tokens ({@code mc-siem-token}, {@code @nextPage}, page tokens,
 * feed tokens) and opens them again. Tokens are signed with a key derived from the seed, so a
 * tampered or foreign token is rejected, while a token survives a simulator restart with the same
 * seed.
 */
final class CursorCodec {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final byte[] key;

  CursorCodec(byte[] key) {
    this.key = key.clone();
  }

  String seal(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(signature(payload));
  }

  /** The payload of a token this codec sealed, or empty for anything else. */
  Optional<String> open(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    try {
      String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      byte[] presented = DECODER.decode(token.substring(dot + 1));
      return java.security.MessageDigest.isEqual(presented, signature(payload))
          ? Optional.of(payload)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] signature(String payload) {
    return Arrays.copyOf(Crypto.hmacSha256(key, payload), 12);
  }
}
