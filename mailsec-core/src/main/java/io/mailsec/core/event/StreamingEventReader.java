package io.mailsec.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON form of an event that {@link EventJson#write} produced ({@code "schema"} first)
 * with a streaming parser straight into the field tree, without an intermediate {@code JsonNode}
 * tree: this is the per-hit cost of every search. Anything unusual (another key order, invalid
 * JSON, numbers beyond the long range, duplicate top-level keys) gives {@code null}, and the caller
 * falls back to the tree reader, which has the one set of error messages. For the text it accepts
 * it builds the same event as the tree reader.
 */
final class StreamingEventReader {
  private static final JsonFactory JSON = new JsonFactory();

  /** Marks a value only the tree reader handles (or rejects). */
  private static final Object UNSUPPORTED = new Object();

  private StreamingEventReader() {}

  /** The event, or null when the text is not in the writer's form (see the class comment). */
  static Event readOrNull(String json, TimestampFields timestamps) {
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT
          || parser.nextToken() != JsonToken.FIELD_NAME
          || !parser.currentName().equals("schema")
          || parser.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String schema = parser.getText();
      Map<String, Object> fields = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("schema")) {
          return null;
        } else if (name.equals("fields")) {
          if (fields != null || value != JsonToken.START_OBJECT) {
            return null;
          }
          fields = object(parser, schema, "", timestamps);
          if (fields == null) {
            return null;
          }
        } else {
          parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || fields == null) {
        return null;
      }
      return Event.of(schema, fields);
    } catch (IOException e) {
      return null;
    }
  }

  /** The parser stands on START_OBJECT; null when a value needs the tree reader. */
  private static Map<String, Object> object(
      JsonParser parser, String schema, String path, TimestampFields timestamps)
      throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String childPath = path.isEmpty() ? key : path + "." + key;
      parser.nextToken();
      Object value = value(parser, schema, childPath, timestamps);
      if (value == UNSUPPORTED) {
        return null;
      }
      map.put(key, value);
    }
    return map;
  }

  /** The value the parser stands on, or {@link #UNSUPPORTED}. */
  private static Object value(
      JsonParser parser, String schema, String path, TimestampFields timestamps)
      throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> map = object(parser, schema, path, timestamps);
        return map == null ? UNSUPPORTED : map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          Object element = value(parser, schema, path, timestamps);
          if (element == UNSUPPORTED) {
            return UNSUPPORTED;
          }
          list.add(element);
        }
        return list;
      }
      case VALUE_STRING -> {
        String text = parser.getText();
        return timestamps.isTimestamp(schema, path) ? EventJson.parseInstant(text, path) : text;
      }
      case VALUE_NUMBER_INT -> {
        JsonParser.NumberType type = parser.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
            ? (Object) parser.getLongValue()
            : UNSUPPORTED;
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> {
        return UNSUPPORTED;
      }
    }
  }
}
