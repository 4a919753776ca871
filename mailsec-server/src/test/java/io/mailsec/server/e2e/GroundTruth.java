package io.mailsec.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsec.core.event.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The simulator's ground truth (every record it made available, once) and the rule, documented in
 * docs/simulator.md, that derives the same natural key from a stored, normalized event. Keys are
 * compared as lower-cased strings.
 */
final class GroundTruth {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Normalized SIEM event types back to the 2.0 type names the simulator keys use. */
  private static final Map<String, String> SIEM_TYPES =
      Map.of(
          "internal_email_protect", "internal email protect",
          "impersonation_protect", "impersonation protect",
          "url_protect", "url protect",
          "attachment_protect", "attachment protect");

  private GroundTruth() {}

  /** The keys of every record of a data type the simulator has made available. */
  static Set<String> fetch(URI simulator, String dataType) throws Exception {
    return fetch(simulator, dataType, "");
  }

  /** The keys of the records whose time is within [from, to] (both inclusive). */
  static Set<String> fetch(URI simulator, String dataType, Instant from, Instant to)
      throws Exception {
    return fetch(simulator, dataType, "&from=" + from + "&to=" + to);
  }

  private static Set<String> fetch(URI simulator, String dataType, String filter) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        simulator.resolve("/__sim/ground-truth?type=" + dataType + filter))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ground truth answered " + response.statusCode());
    }
    Set<String> keys = new HashSet<>();
    for (JsonNode record : JSON.readTree(response.body()).get("records")) {
      JsonNode key = record.get("key");
      keys.add(
          switch (dataType) {
            case "siem" ->
                join(
                    key.get("type").asText(),
                    key.get("aggregateId").asText(),
                    key.get("recipient").asText(),
                    key.get("epochSecond").asText(),
                    key.get("discriminator").asText());
            case "ttp-url" ->
                join(
                    key.get("user").asText(),
                    key.get("url").asText(),
                    key.get("epochSecond").asText(),
                    key.get("messageId").asText());
            case "ttp-attachment" ->
                join(
                    key.get("recipient").asText(),
                    key.get("fileHash").asText(),
                    key.get("messageId").asText(),
                    key.get("epochSecond").asText());
            case "ttp-impersonation" ->
                join(
                    key.get("recipient").asText(),
                    key.get("sender").asText(),
                    key.get("messageId").asText(),
                    key.get("epochSecond").asText());
            case "dlp" ->
                join(
                    key.get("recipient").asText(),
                    key.get("messageId").asText(),
                    key.get("policy").asText(),
                    key.get("epochSecond").asText());
            case "threat-intel" ->
                join(
                    key.get("feedType").asText(),
                    key.get("sha256").asText(),
                    key.get("epochSecond").asText());
            case "audit" -> join(key.get("id").asText(), key.get("epochSecond").asText());
            default -> throw new IllegalArgumentException(dataType);
          });
    }
    return keys;
  }

  /** The ground-truth key of a stored event of the given data type. */
  static String keyOf(String dataType, Event e) {
    String second = String.valueOf(e.eventTime().getEpochSecond());
    return switch (dataType) {
      case "siem" -> {
        String type = e.eventType();
        String discriminator =
            switch (type) {
              case "delivery" -> first(e, "delivery_attempt");
              case "av", "attachment_protect" -> first(e, "attachments.sha256");
              case "url_protect", "internal_email_protect" -> first(e, "urls.url");
              default -> "";
            };
        String recipient =
            type.equals("process") || type.equals("attachment_protect")
                ? ""
                : first(e, "to_email_address");
        yield join(
            SIEM_TYPES.getOrDefault(type, type),
            first(e, "correlation_id"),
            recipient,
            second,
            discriminator);
      }
      case "ttp-url" ->
          join(first(e, "user_email_address"), first(e, "url"), second, first(e, "message_id"));
      case "ttp-attachment" ->
          join(
              first(e, "to_email_address"),
              first(e, "attachments.sha256"),
              first(e, "message_id"),
              second);
      case "ttp-impersonation" ->
          join(
              first(e, "to_email_address"),
              first(e, "envelope_from"),
              first(e, "message_id"),
              second);
      case "dlp" ->
          join(first(e, "to_email_address"), first(e, "message_id"), first(e, "policy"), second);
      case "threat-intel" ->
          join(
              first(e, "feed_type"),
              first(e, "file_hash_sha256"),
              String.valueOf(((Instant) e.first("valid_from").orElseThrow()).getEpochSecond()));
      case "audit" -> join(first(e, "audit_id"), second);
      default -> throw new IllegalArgumentException(dataType);
    };
  }

  static Set<String> keysOf(String dataType, List<Event> events) {
    return events.stream().map(e -> keyOf(dataType, e)).collect(Collectors.toSet());
  }

  private static String first(Event e, String path) {
    return e.first(path).map(Object::toString).orElse("");
  }

  private static String join(String... parts) {
    return String.join("|", parts).toLowerCase(Locale.ROOT);
  }
}
