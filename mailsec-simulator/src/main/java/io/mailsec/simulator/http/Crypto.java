package io.mailsec.simulator.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC helpers: SHA-1 for API 1.0 signatures, SHA-256 for the simulator's own cursors and URLs. */
final class Crypto {
  private Crypto() {}

  /** Base64 of HMAC-SHA1(key, UTF-8 data): the API 1.0 request signature (mimecast-api.md §1.3). */
  static String api1Signature(byte[] secretKey, String dataToSign) {
    return Base64.getEncoder().encodeToString(mac("HmacSHA1", secretKey, dataToSign));
  }

  static byte[] hmacSha256(byte[] key, String data) {
    return mac("HmacSHA256", key, data);
  }

  static String hmacSha256Hex(byte[] key, String data) {
    return HexFormat.of().formatHex(hmacSha256(key, data));
  }

  /** Compares without leaking the position of the first difference through timing. */
  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] mac(String algorithm, byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }
}
