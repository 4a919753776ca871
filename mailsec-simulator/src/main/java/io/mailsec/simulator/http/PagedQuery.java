package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.render.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The state a 1.0 page token carries for the TTP and audit endpoints: the endpoint, the resolved
 * window (its end clamped to "now" of the first page, so later pages see the same records), the
 * filters, the order, and the offset reached. Clients may therefore send only the token on later
 * pages (Elastic does) or resend their filters with it (Sentinel does); the token wins.
 *
 * @param emptyServed whether the deliberate empty page before this offset was already served
 */
record PagedQuery(
    String endpoint,
    Instant from,
    Instant to,
    boolean oldestFirst,
    ObjectNode filters,
    int offset,
    boolean emptyServed) {

  PagedQuery at(int newOffset, boolean newEmptyServed) {
    return new PagedQuery(endpoint, from, to, oldestFirst, filters, newOffset, newEmptyServed);
  }

  String seal(CursorCodec codec) {
    ObjectNode node = Json.object();
    node.put("endpoint", endpoint);
    node.put("from", from.toEpochMilli());
    node.put("to", to.toEpochMilli());
    node.put("oldestFirst", oldestFirst);
    node.set("filters", filters);
    node.put("offset", offset);
    node.put("emptyServed", emptyServed);
    return codec.seal(Json.write(node));
  }

  static Optional<PagedQuery> open(CursorCodec codec, String token, String endpoint) {
    Optional<String> payload = codec.open(token);
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(payload.get());
      if (!endpoint.equals(node.path("endpoint").asText()) || !node.path("filters").isObject()) {
        return Optional.empty();
      }
      return Optional.of(
          new PagedQuery(
              endpoint,
              Instant.ofEpochMilli(node.path("from").asLong()),
              Instant.ofEpochMilli(node.path("to").asLong()),
              node.path("oldestFirst").asBoolean(),
              (ObjectNode) node.path("filters"),
              node.path("offset").asInt(),
              node.path("emptyServed").asBoolean()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
