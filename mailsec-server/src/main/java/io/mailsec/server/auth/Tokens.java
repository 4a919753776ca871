package io.mailsec.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random bearer values and their one-way fingerprints, shared by sessions and API tokens. */
final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** {@code bytes} random bytes, base64url without padding. */
  static String random(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  static String randomHex(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return HexFormat.of().formatHex(raw);
  }

  /**
   * SHA-256 of a value, hex. A plain hash suffices for values of 256 random bits (no dictionary to
   * try); it keeps a copy of the stored hashes from being usable as credentials.
   */
  static String fingerprint(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  static boolean sameText(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
