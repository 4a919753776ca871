package io.mailsec.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The API's paging cursor: the store's cursor plus the instant the first page was planned at, so a
 * relative window ({@code EARLIEST=-24h}) stays the same window on every page, and a fingerprint of
 * the query, so a cursor is refused with another query. Opaque to clients (base64url JSON); it
 * grants nothing, since the next page is searched with the caller's own rights.
 */
record SearchCursor(Instant plannedAt, String queryFingerprint, String storeCursor) {
  static final int MAX_LENGTH = 4096;

  String encode() {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("v", 1);
    node.put("t", plannedAt.toEpochMilli());
    node.put("q", queryFingerprint);
    node.put("c", storeCursor);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor for {@code query}; a foreign or damaged cursor is a 400. */
  static SearchCursor decode(String text, String query) {
    if (text.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      JsonNode node =
          Json.MAPPER.readTree(
              new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
      if (node == null
          || node.path("v").asInt() != 1
          || !node.path("t").isIntegralNumber()
          || !node.path("q").isTextual()
          || !node.path("c").isTextual()) {
        throw invalid();
      }
      if (!node.get("q").asText().equals(fingerprint(query))) {
        throw new ApiException(
            400, "bad_cursor", "this cursor belongs to another query; start without a cursor");
      }
      return new SearchCursor(
          Instant.ofEpochMilli(node.get("t").asLong()),
          node.get("q").asText(),
          node.get("c").asText());
    } catch (IllegalArgumentException | java.io.IOException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  static String fingerprint(String query) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiException invalid() {
    return new ApiException(400, "bad_cursor", "the cursor is not valid; start without a cursor");
  }
}
