package io.mailsec.normalize.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;

/** Strict JSON parsing plus the lenient decoding of objects that arrive as JSON strings. */
public final class Json {
  /** Mimecast has been seen to encode nested objects as strings, sometimes twice. */
  private static final int MAX_NESTED_DECODES = 3;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses text that must be one JSON object, or rejects the record saying why. */
  public static ObjectNode parseObject(String text) {
    JsonNode node = parse(text);
    if (!node.isObject()) {
      throw new RecordRejected("expected a JSON object but got " + describe(node));
    }
    return (ObjectNode) node;
  }

  /** Parses any JSON value, or rejects the record saying why. */
  public static JsonNode parse(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new RecordRejected("empty record");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new RecordRejected("not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * An object or array given either as JSON or as a string holding JSON (possibly encoded more than
   * once); empty when the value is absent or not decodable.
   */
  public static Optional<JsonNode> structured(JsonNode value) {
    JsonNode current = value;
    for (int i = 0; current != null && current.isTextual() && i < MAX_NESTED_DECODES; i++) {
      try {
        current = MAPPER.readTree(current.asText());
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }
    return current != null && (current.isObject() || current.isArray())
        ? Optional.of(current)
        : Optional.empty();
  }

  /** Compact JSON text. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static String describe(JsonNode node) {
    return node.isArray() ? "an array" : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
