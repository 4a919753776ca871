package io.mailsec.mimecast.client;

import io.mailsec.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API 1.0 request signature: base64(HMAC-SHA1(base64decode(secretKey),
 * date:requestId:path:appKey)). {@code path} is the request path only, without scheme, host or
 * query.
 */
final class HmacSigner {
  private HmacSigner() {}

  static String signature(
      String date, String requestId, String path, Secret appKey, Secret secretKey) {
    String dataToSign = date + ":" + requestId + ":" + path + ":" + appKey.reveal();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secretKey.reveal().trim());
    } catch (IllegalArgumentException e) {
      // The message must not echo the key, so the cause (which may quote it) is dropped.
      throw new InvalidCredentialsException(
          "secret_key_not_base64",
          MimecastApiException.NO_HTTP_STATUS,
          "The API 1.0 secret key is not valid base64",
          false);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(dataToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable in this JVM", e);
    }
  }
}
