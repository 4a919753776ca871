package io.mailsec.mimecast.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsec.core.source.SourceRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Extracts from a delivered record the key fields the simulator's ground truth documents per data
 * type (docs/simulator.md, the {@code groundTruthKey()} methods), so that "upsert by content" can
 * be checked against it. An unparseable record (a malformed line) has no key.
 */
final class RecordKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter API_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx", Locale.ROOT);
  private static final Map<String, String> SIEM1_TYPES =
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

  private RecordKeys() {}

  static Optional<Map<String, String>> of(String dataType, boolean api2, SourceRecord record) {
    try {
      return Optional.ofNullable(
          switch (dataType) {
            case "siem" -> api2 ? siem2(json(record)) : siem1(json(record), record);
            case "ttp-url" -> ttpUrl(json(record));
            case "ttp-attachment" -> ttpAttachment(json(record));
            case "ttp-impersonation" -> ttpImpersonation(json(record));
            case "dlp" -> dlp(json(record));
            case "audit" -> audit(json(record));
            case "threat-intel" -> indicator(record);
            default -> throw new IllegalArgumentException(dataType);
          });
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static JsonNode json(SourceRecord record) throws IOException {
    JsonNode node = JSON.readTree(record.text());
    if (node == null || !node.isObject()) {
      throw new IOException("not a JSON object");
    }
    return node;
  }

  private static Map<String, String> siem2(JsonNode n) {
    String type = required(n, "type");
    String discriminator =
        switch (type) {
          case "delivery" -> required(n, "deliveryAttempts");
          case "av", "attachment protect" -> required(n, "sha256");
          case "url protect", "internal email protect" -> required(n, "url");
          default -> "";
        };
    Map<String, String> key = new LinkedHashMap<>();
    key.put("type", type);
    key.put("aggregateId", required(n, "aggregateId").replaceFirst("_\\d{9,}$", ""));
    key.put("recipient", n.path("recipients").isTextual() ? n.path("recipients").asText() : "");
    key.put("epochSecond", Long.toString(Math.floorDiv(n.path("timestamp").asLong(), 1000L)));
    key.put("discriminator", discriminator);
    return key;
  }

  private static Map<String, String> siem1(JsonNode n, SourceRecord record) {
    String fileType = record.hints().get(SourceHints.SIEM_FILE_TYPE);
    String type = SIEM1_TYPES.get(fileType);
    if (type == null) {
      throw new IllegalArgumentException("no file type hint");
    }
    String discriminator =
        switch (fileType) {
          case "delivery" -> required(n, "Attempt");
          case "av", "ttp_ap" -> required(n, "sha256");
          case "ttp_url" -> required(n, "url");
          case "iep" -> required(n, "URL");
          default -> "";
        };
    String recipient = "";
    if (!fileType.equals("process") && !fileType.equals("ttp_ap")) {
      for (String field : List.of("Rcpt", "Recipient", "recipient")) {
        if (n.path(field).isTextual()) {
          recipient = n.path(field).asText();
        }
      }
    }
    Map<String, String> key = new LinkedHashMap<>();
    key.put("type", type);
    key.put("aggregateId", required(n, "aCode"));
    key.put("recipient", recipient);
    key.put("epochSecond", epochSecond(required(n, "datetime")));
    key.put("discriminator", discriminator);
    return key;
  }

  private static Map<String, String> ttpUrl(JsonNode n) {
    Map<String, String> key = new LinkedHashMap<>();
    key.put("user", required(n, "userEmailAddress"));
    key.put("url", required(n, "url"));
    key.put("epochSecond", epochSecond(required(n, "date")));
    key.put("messageId", required(n, "messageId"));
    return key;
  }

  private static Map<String, String> ttpAttachment(JsonNode n) {
    Map<String, String> key = new LinkedHashMap<>();
    key.put("recipient", required(n, "recipientAddress"));
    key.put("fileHash", required(n, "fileHash"));
    key.put("messageId", required(n, "messageId"));
    key.put("epochSecond", epochSecond(required(n, "date")));
    return key;
  }

  private static Map<String, String> ttpImpersonation(JsonNode n) {
    Map<String, String> key = new LinkedHashMap<>();
    key.put("recipient", required(n, "recipientAddress"));
    key.put("sender", required(n, "senderAddress"));
    key.put("messageId", required(n, "messageId"));
    key.put("epochSecond", epochSecond(required(n, "eventTime")));
    return key;
  }

  private static Map<String, String> dlp(JsonNode n) {
    Map<String, String> key = new LinkedHashMap<>();
    key.put("recipient", required(n, "recipientAddress"));
    key.put("messageId", required(n, "messageId"));
    key.put("policy", required(n, "policy"));
    key.put("epochSecond", epochSecond(required(n, "eventTime")));
    return key;
  }

  private static Map<String, String> audit(JsonNode n) {
    Map<String, String> key = new LinkedHashMap<>();
    key.put("id", required(n, "id"));
    key.put("epochSecond", epochSecond(required(n, "eventTime")));
    return key;
  }

  private static Map<String, String> indicator(SourceRecord record) {
    String header = record.hints().get(SourceHints.CSV_HEADER);
    String feedType = record.hints().get(SourceHints.FEED_TYPE);
    if (header == null || feedType == null) {
      throw new IllegalArgumentException("CSV row without header or feed type hint");
    }
    List<String> columns = pipeSplit(header);
    List<String> cells = pipeSplit(record.text());
    if (cells.size() != columns.size()) {
      throw new IllegalArgumentException("row does not match its header");
    }
    Map<String, String> key = new LinkedHashMap<>();
    key.put("feedType", feedType);
    key.put("sha256", cells.get(columns.indexOf("SHA256")));
    key.put("epochSecond", epochSecond(cells.get(columns.indexOf("Timestamp"))));
    return key;
  }

  private static String required(JsonNode n, String field) {
    JsonNode value = n.path(field);
    if (value.isMissingNode() || value.isNull()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.asText();
  }

  /** {@code +0000} offsets (TTP, audit, SIEM 1.0, CSV) or ISO with {@code Z} (CSV). */
  private static String epochSecond(String text) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text, API_DATE).toInstant();
    } catch (DateTimeParseException e) {
      instant = Instant.parse(text);
    }
    return Long.toString(instant.getEpochSecond());
  }

  /** Splits a pipe-delimited row; a cell in double quotes may contain pipes. */
  static List<String> pipeSplit(String row) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < row.length(); i++) {
      char c = row.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0) {
        quoted = true;
      } else if (c == '|') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
