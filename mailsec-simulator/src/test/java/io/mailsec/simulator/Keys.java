package io.mailsec.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The natural keys of docs/simulator.md, derived from records as a collector sees them (written
 * from the documented rule, not from the simulator's code), in a canonical string form.
 */
final class Keys {
  private Keys() {}

  private static final DateTimeFormatter OFFSET_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT);
  private static final Map<String, String> V1_TYPES =
      Map.of(
          "receipt", "receipt",
          "process", "process",
          "delivery", "delivery",
          "jrnl", "journal",
          "av", "av",
          "spameventthread", "spam",
          "iep", "internal email protect",
          "impersonation", "impersonation protect",
          "ttp_url", "url protect",
          "ttp_ap", "attachment protect");

  /** A key as {@code name=value|...} with names sorted. */
  static String canonical(Map<String, String> key) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(key).forEach((k, v) -> out.append(k).append('=').append(v).append('|'));
    return out.toString();
  }

  /** The ground-truth response's keys, canonical. */
  static List<String> groundTruth(JsonNode response) {
    List<String> keys = new ArrayList<>();
    for (JsonNode record : response.path("records")) {
      Map<String, String> key = new TreeMap<>();
      record.path("key").properties().forEach(e -> key.put(e.getKey(), e.getValue().asText()));
      keys.add(canonical(key));
    }
    return keys;
  }

  static long epochSecond(String apiDate) {
    if (apiDate.endsWith("Z")) {
      return Instant.parse(apiDate).getEpochSecond();
    }
    return OffsetDateTime.parse(apiDate, OFFSET_SECONDS).toEpochSecond();
  }

  /** The 2.0 type of a 1.0 file, from the file-name prefix (ttp_ prefixes have two parts). */
  static String v1Type(String fileName) {
    String prefix =
        fileName.startsWith("ttp_")
            ? fileName.substring(0, fileName.indexOf('_', 4))
            : fileName.substring(0, fileName.indexOf('_'));
    return V1_TYPES.get(prefix);
  }

  static String siemV1(String type, JsonNode r) {
    Map<String, String> key = new TreeMap<>();
    key.put("type", type);
    key.put("aggregateId", r.path("aCode").asText());
    key.put(
        "recipient",
        type.equals("process") || type.equals("attachment protect")
            ? ""
            : first(r, "Rcpt", "Recipient", "recipient"));
    key.put("epochSecond", Long.toString(epochSecond(r.path("datetime").asText())));
    key.put(
        "discriminator",
        switch (type) {
          case "delivery" -> r.path("Attempt").asText();
          case "av", "attachment protect" -> r.path("sha256").asText();
          case "url protect" -> r.path("url").asText();
          case "internal email protect" -> r.path("URL").asText();
          default -> "";
        });
    return canonical(key);
  }

  static String siemV2(JsonNode e) {
    String type = e.has("type") ? e.path("type").asText() : e.path("eventType").asText();
    Map<String, String> key = new TreeMap<>();
    key.put("type", type);
    key.put("aggregateId", e.path("aggregateId").asText().replaceFirst("_\\d{10}$", ""));
    key.put(
        "recipient",
        type.equals("process") || type.equals("attachment protect")
            ? ""
            : e.path("recipients").asText());
    key.put("epochSecond", Long.toString(Math.floorDiv(e.path("timestamp").asLong(), 1000L)));
    key.put(
        "discriminator",
        switch (type) {
          case "delivery" -> e.path("deliveryAttempts").asText();
          case "av", "attachment protect" -> e.path("sha256").asText();
          case "url protect", "internal email protect" -> e.path("url").asText();
          default -> "";
        });
    return canonical(key);
  }

  static String click(JsonNode r) {
    return canonical(
        Map.of(
            "user", r.path("userEmailAddress").asText(),
            "url", r.path("url").asText(),
            "epochSecond", Long.toString(epochSecond(r.path("date").asText())),
            "messageId", r.path("messageId").asText()));
  }

  static String attachment(JsonNode r) {
    return canonical(
        Map.of(
            "recipient", r.path("recipientAddress").asText(),
            "fileHash", r.path("fileHash").asText(),
            "messageId", r.path("messageId").asText(),
            "epochSecond", Long.toString(epochSecond(r.path("date").asText()))));
  }

  static String impersonation(JsonNode r) {
    return canonical(
        Map.of(
            "recipient", r.path("recipientAddress").asText(),
            "sender", r.path("senderAddress").asText(),
            "messageId", r.path("messageId").asText(),
            "epochSecond", Long.toString(epochSecond(r.path("eventTime").asText()))));
  }

  static String dlp(JsonNode r) {
    return canonical(
        Map.of(
            "recipient", r.path("recipientAddress").asText(),
            "messageId", r.path("messageId").asText(),
            "policy", r.path("policy").asText(),
            "epochSecond", Long.toString(epochSecond(r.path("eventTime").asText()))));
  }

  static String audit(JsonNode r) {
    return canonical(
        Map.of(
            "id", r.path("id").asText(),
            "epochSecond", Long.toString(epochSecond(r.path("eventTime").asText()))));
  }

  /** The ground-truth id of an audit event: its id and epoch seconds. */
  static String auditId(JsonNode r) {
    return r.path("id").asText() + "@" + epochSecond(r.path("eventTime").asText());
  }

  static String indicator(String feedType, String sha256, long epochSecond) {
    return canonical(
        Map.of("feedType", feedType, "sha256", sha256, "epochSecond", Long.toString(epochSecond)));
  }

  private static String first(JsonNode r, String... fields) {
    for (String field : fields) {
      if (r.has(field)) {
        return r.path(field).asText();
      }
    }
    throw new AssertionError(
        "none of the fields present: " + String.join(", ", fields) + " in " + r);
  }
}
