package io.mailsec.server.secrets;

import io.mailsec.core.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts credentials at rest and resolves {@link SecretRef}s to values.
 *
 * <p>Encryption is AES-256-GCM with a random 96-bit nonce per value; the stored payload is
 * base64(nonce || ciphertext || tag). The master key comes from the environment variable {@value
 * #MASTER_KEY_ENV} (base64 of 32 bytes) when set, otherwise from the key file {@value
 * #KEY_FILE_NAME} in the data directory, which is created on first use with owner-only permissions
 * (rw-------). Losing the key means re-entering the credentials; it is never written anywhere else.
 */
public final class SecretVault {
  public static final String MASTER_KEY_ENV = "MAILSEC_MASTER_KEY";
  public static final String KEY_FILE_NAME = "master.key";

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;
  private final Function<String, String> environment;

  SecretVault(byte[] key, Function<String, String> environment) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the master key must be 32 bytes (base64 of 32 bytes)");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.environment = environment;
  }

  /** Opens the vault of a data directory, creating its key file on first use. */
  public static SecretVault open(Path dataDir) {
    return open(dataDir, System.getenv());
  }

  static SecretVault open(Path dataDir, Map<String, String> environment) {
    String fromEnv = environment.get(MASTER_KEY_ENV);
    byte[] key;
    if (fromEnv != null && !fromEnv.isBlank()) {
      try {
        key = Base64.getDecoder().decode(fromEnv.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(MASTER_KEY_ENV + " is not valid base64", e);
      }
    } else {
      key = readOrCreateKeyFile(dataDir.resolve(KEY_FILE_NAME));
    }
    return new SecretVault(key, environment::get);
  }

  /** Encrypts a value for storage in the configuration. */
  public SecretRef.Encrypted encrypt(String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
      return new SecretRef.Encrypted(Base64.getEncoder().encodeToString(out.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * Resolves a reference to its value. Throws {@link SecretUnavailableException} with a message an
   * operator can act on (which variable or file is missing, or that the key does not match).
   */
  public Secret resolve(SecretRef ref) {
    if (ref instanceof SecretRef.EnvRef env) {
      String value = environment.apply(env.variable());
      if (value == null || value.isEmpty()) {
        throw new SecretUnavailableException(
            "environment variable " + env.variable() + " is not set");
      }
      return Secret.of(value);
    }
    if (ref instanceof SecretRef.FileRef file) {
      try {
        return Secret.of(Files.readString(Path.of(file.path())).strip());
      } catch (IOException e) {
        throw new SecretUnavailableException("cannot read secret file " + file.path(), e);
      }
    }
    return Secret.of(decrypt((SecretRef.Encrypted) ref));
  }

  private String decrypt(SecretRef.Encrypted encrypted) {
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(encrypted.payload());
    } catch (IllegalArgumentException e) {
      throw new SecretUnavailableException("an encrypted secret is corrupt (not base64)", e);
    }
    if (payload.length <= NONCE_BYTES) {
      throw new SecretUnavailableException("an encrypted secret is corrupt (too short)");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, payload, 0, NONCE_BYTES));
      byte[] plain = cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new SecretUnavailableException(
          "an encrypted secret cannot be decrypted: the master key ("
              + MASTER_KEY_ENV
              + " or "
              + KEY_FILE_NAME
              + ") is not the one it was stored with; re-enter the credential",
          e);
    }
  }

  private static byte[] readOrCreateKeyFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        try {
          createOwnerOnly(file);
          Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
          return fresh;
        } catch (FileAlreadyExistsException raced) {
          // another process created it first; fall through and read theirs
        }
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
      if (key.length != KEY_BYTES) {
        throw new IllegalStateException("key file " + file + " does not hold a 32-byte key");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key file " + file, e);
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
  }
}
