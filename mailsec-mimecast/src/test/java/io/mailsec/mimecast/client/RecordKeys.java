package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test-side keys that match records the client returned against the simulator's ground truth.
 * Deliberately written from the reference document's field names, not from the simulator.
 */
final class RecordKeys {
  private static final DateTimeFormatter API_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx", Locale.ROOT);
  private static final Map<String, String> SIEM1_TYPES =
      Map.of(
          "jrnl", "journal",
          "spameventthread", "spam",
          "iep", "internal email protect",
          "impersonation", "impersonation protect",
          "ttp_url", "url protect",
          "ttp_ap", "attachment protect");

  private RecordKeys() {}

  /** The ground-truth records' keys, rendered with the given field names in order. */
  static List<String> truth(JsonNode groundTruth, String... fields) {
    List<String> keys = new ArrayList<>();
    for (JsonNode record : groundTruth.path("records")) {
      List<String> parts = new ArrayList<>();
      for (String field : fields) {
        parts.add(record.path("key").path(field).asText(""));
      }
      keys.add(String.join("|", parts));
    }
    return keys;
  }

  static String join(Object... parts) {
    List<String> texts = new ArrayList<>();
    for (Object part : parts) {
      texts.add(part == null ? "" : part.toString());
    }
    return String.join("|", texts);
  }

  /** A SIEM 1.0 record (json or key_value) as {@code type|aCode|epochSecond}. */
  static String siem1(RawRecord record) {
    Map<String, String> fields = fields(record);
    return join(
        siem1Type(record.origin()), fields.get("aCode"), epochSecond(fields.get("datetime")));
  }

  /** The log type from a SIEM 1.0 file name, e.g. {@code ttp_url_2021...json} -> url protect. */
  static String siem1Type(String origin) {
    String name = origin.substring(origin.lastIndexOf('/') + 1);
    String[] parts = name.split("_");
    String prefix = parts[0].equals("ttp") ? parts[0] + "_" + parts[1] : parts[0];
    return SIEM1_TYPES.getOrDefault(prefix, prefix);
  }

  /** A SIEM 2.0 event as {@code type|aggregateId|epochSecond}. */
  static String siem2(RawRecord record) {
    JsonNode event = Json.tree(record.text(), "event");
    // Live data says "type", Mimecast's documentation samples "eventType" (reference 7.4 #11);
    // aggregateIds are often suffixed with "_<epoch seconds>" (reference 3.5).
    String type =
        event.has("type") ? event.path("type").asText() : event.path("eventType").asText();
    String aggregateId = event.path("aggregateId").asText().replaceFirst("_\\d{10}$", "");
    return join(type, aggregateId, event.path("timestamp").asLong() / 1000);
  }

  static Map<String, String> fields(RawRecord record) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (record.format() == RecordFormat.KEY_VALUE) {
      for (String pair : record.text().split("\\|")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    } else {
      Json.tree(record.text(), "record")
          .properties()
          .forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
    }
    return fields;
  }

  static long epochSecond(String apiDate) {
    return OffsetDateTime.parse(apiDate, API_DATE).toEpochSecond();
  }

  static JsonNode json(RawRecord record) {
    return Json.tree(record.text(), "record");
  }
}
