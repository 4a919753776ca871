package io.mailsec.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 from the JDK: {@value #ITERATIONS} iterations (OWASP's
 * 2023 figure for this PRF), a random 16-byte salt per hash, a 32-byte derived key. The stored form
 * {@code pbkdf2-sha256$<iterations>$<salt>$<key>} (base64) carries its parameters, so raising the
 * iteration count later still verifies old hashes. Thread-safe.
 */
public final class PasswordHasher {
  public static final int ITERATIONS = 310_000;
  static final String PREFIX = "pbkdf2-sha256";

  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A hash that no password matches, verified for unknown users so timing reveals nothing. */
  private final String decoy;

  private final int iterations;

  public PasswordHasher() {
    this(ITERATIONS);
  }

  PasswordHasher(int iterations) {
    this.iterations = iterations;
    this.decoy = hash(Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong()));
  }

  /** A new salted hash of {@code password}. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] key = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(key);
  }

  /** Whether {@code password} matches {@code stored}; false for a malformed stored hash. */
  public boolean verify(String password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    try {
      int rounds = Integer.parseInt(parts[1]);
      if (rounds < 1 || rounds > 10_000_000) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(derive(password, salt, rounds), expected);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /** Spends the time of one verification; for log-ins of user names that do not exist. */
  public void verifyDecoy(String password) {
    verify(password, decoy);
  }

  private static byte[] derive(String password, byte[] salt, int rounds) {
    char[] chars = password.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, rounds, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }
}
