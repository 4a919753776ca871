package io.mailsec.normalize.support;

import io.mailsec.normalize.NormalizationContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Event ids. The id is the first 128 bits (32 lower-case hex digits) of SHA-256 over tenant id,
 * integration id, data type, event type and the {@link Canonical canonical} form of the original
 * record, separated by NUL characters. So an exact re-delivery of a record (same content, any key
 * order or whitespace) gets the same id and is stored once, while two rows that differ in any field
 * never share an id. Mimecast's own identifiers (processingId, audit id, Message-ID) are not used
 * alone because they are shared by distinct rows.
 */
public final class EventIds {
  private static final int ID_BYTES = 16;

  private EventIds() {}

  public static String id(NormalizationContext ctx, String eventType, String canonicalRecord) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    String input =
        String.join(
            "\u0000",
            ctx.tenantId(),
            ctx.integrationId(),
            ctx.dataType().wireName(),
            eventType,
            canonicalRecord);
    byte[] digest = sha256.digest(input.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, ID_BYTES);
  }
}
