package io.mailsec.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of {@link Event} and {@link QuarantinedRecord}.
 *
 * <p>An event is written as {@code {"schema":"email","fields":{...}}}. Object keys are sorted, so
 * equal events always give identical text. Timestamps are ISO-8601 UTC strings ({@code
 * 2021-10-18T08:02:43Z}, fraction only when non-zero); whole numbers are JSON integers and {@code
 * Double}s always carry a fraction ({@code 2.0}), so reading restores Long vs Double exactly.
 * Reading needs {@link TimestampFields} to know which strings are timestamps.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private EventJson() {}

  /** Compact JSON text of the event. */
  public static String write(Event event) {
    return writeTree(toTree(event));
  }

  public static ObjectNode toTree(Event event) {
    ObjectNode node = NODES.objectNode();
    node.put("schema", event.schema());
    node.set("fields", objectToTree(event.fields()));
    return node;
  }

  /**
   * Parses the JSON form of an event.
   *
   * @throws IllegalArgumentException when the text is not an event in this form
   */
  public static Event read(String json, TimestampFields timestamps) {
    Event event = StreamingEventReader.readOrNull(json, timestamps);
    return event != null ? event : fromTree(parse(json), timestamps);
  }

  public static Event fromTree(JsonNode node, TimestampFields timestamps) {
    if (!node.isObject() || !node.path("schema").isTextual() || !node.path("fields").isObject()) {
      throw new IllegalArgumentException(
          "not an event: expected {\"schema\":..., \"fields\":{...}}");
    }
    String schema = node.get("schema").asText();
    Map<String, Object> fields = objectFromTree(node.get("fields"), schema, "", timestamps);
    return Event.of(schema, fields);
  }

  public static String write(QuarantinedRecord record) {
    return writeTree(toTree(record));
  }

  public static ObjectNode toTree(QuarantinedRecord record) {
    ObjectNode node = NODES.objectNode();
    node.put("tenant_id", record.tenantId());
    node.put("integration_id", record.integrationId());
    node.put("data_type", record.dataType());
    node.put("reason", record.reason());
    node.put("raw", record.raw());
    if (record.origin() != null) {
      node.put("origin", record.origin());
    }
    node.put("time", formatInstant(record.time()));
    return node;
  }

  public static QuarantinedRecord readQuarantined(String json) {
    JsonNode node = parse(json);
    JsonNode origin = node.get("origin");
    return new QuarantinedRecord(
        requiredText(node, "tenant_id"),
        requiredText(node, "integration_id"),
        requiredText(node, "data_type"),
        requiredText(node, "reason"),
        requiredText(node, "raw"),
        origin == null || origin.isNull() ? null : origin.asText(),
        parseInstant(requiredText(node, "time"), "time"));
  }

  /** ISO-8601 in UTC with a {@code Z}, e.g. {@code 2021-10-18T08:02:43.120Z}. */
  public static String formatInstant(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static ObjectNode objectToTree(Map<String, Object> map) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, Object> e : new TreeMap<>(map).entrySet()) {
      node.set(e.getKey(), valueToTree(e.getValue()));
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static JsonNode valueToTree(Object value) {
    if (value instanceof String s) {
      return NODES.textNode(s);
    } else if (value instanceof Long l) {
      return NODES.numberNode(l);
    } else if (value instanceof Double d) {
      return NODES.numberNode(d);
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (value instanceof Instant i) {
      return NODES.textNode(formatInstant(i));
    } else if (value instanceof Map<?, ?> m) {
      return objectToTree((Map<String, Object>) m);
    } else if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(element -> array.add(valueToTree(element)));
      return array;
    }
    throw new IllegalStateException("unexpected value type " + value.getClass());
  }

  private static Map<String, Object> objectFromTree(
      JsonNode node, String schema, String path, TimestampFields timestamps) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      map.put(e.getKey(), valueFromTree(e.getValue(), schema, childPath, timestamps));
    }
    return map;
  }

  private static Object valueFromTree(
      JsonNode node, String schema, String path, TimestampFields timestamps) {
    if (node.isObject()) {
      return objectFromTree(node, schema, path, timestamps);
    } else if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(valueFromTree(element, schema, path, timestamps)));
      return list;
    } else if (node.isTextual()) {
      return timestamps.isTimestamp(schema, path)
          ? parseInstant(node.asText(), path)
          : node.asText();
    } else if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new IllegalArgumentException("field '" + path + "' is out of the long range");
      }
      return node.asLong();
    } else if (node.isNumber()) {
      return node.asDouble();
    } else if (node.isBoolean()) {
      return node.asBoolean();
    } else if (node.isNull()) {
      return null;
    }
    throw new IllegalArgumentException("field '" + path + "' has an unsupported JSON value");
  }

  static Instant parseInstant(String text, String path) {
    Instant fast = parseUtcInstant(text);
    if (fast != null) {
      return fast;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field '" + path + "' is not an ISO-8601 instant", e);
    }
  }

  /**
   * The instant of {@code uuuu-MM-ddTHH:mm:ss[.fraction]Z} (what {@link #formatInstant} writes, 1
   * to 9 fraction digits), several times faster than {@link Instant#parse}; null for any other text
   * (including invalid dates and leap seconds), which {@link Instant#parse} then decides on.
   */
  static Instant parseUtcInstant(String text) {
    int n = text.length();
    if (n < 20
        || n == 21
        || n > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(n - 1) != 'Z'
        || (n > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = n > 20 ? digits(text, 20, n - 1) : 0;
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || fraction < 0) {
      return null;
    }
    long nanos = fraction;
    for (int i = n - 1 - 20; i < 9 && n > 20; i++) {
      nanos *= 10;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal number of {@code text[from, to)}, or -1 when it holds a non-digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static String requiredText(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("missing text field '" + name + "'");
    }
    return value.asText();
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String writeTree(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
