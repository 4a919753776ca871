package io.mailsec.store.lucene;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the string values at one dotted path out of an event's stored JSON ({@code
 * {"schema":...,"fields":{...}}}) with a streaming parser, skipping everything else. Arrays are
 * flattened like {@link io.mailsec.core.event.Event#get}. This is the hot path of verifying
 * CONTAINS candidates, where building the whole event would cost several times more.
 */
final class SourceStrings {
  private static final JsonFactory JSON = new JsonFactory();

  private SourceStrings() {}

  static List<String> at(String sourceJson, String path) throws IOException {
    String[] segments = path.split("\\.", -1);
    List<String> out = new ArrayList<>(1);
    try (JsonParser parser = JSON.createParser(sourceJson)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return out;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("fields") && value == JsonToken.START_OBJECT) {
          object(parser, segments, 0, out);
        } else {
          parser.skipChildren();
        }
      }
    }
    return out;
  }

  /**
   * The parser stands on the START_OBJECT of the object that should hold {@code segments[depth]}.
   */
  private static void object(JsonParser parser, String[] segments, int depth, List<String> out)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!name.equals(segments[depth])) {
        parser.skipChildren();
      } else if (depth == segments.length - 1) {
        leaf(parser, value, out);
      } else if (value == JsonToken.START_OBJECT) {
        object(parser, segments, depth + 1, out);
      } else if (value == JsonToken.START_ARRAY) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (parser.currentToken() == JsonToken.START_OBJECT) {
            object(parser, segments, depth + 1, out);
          } else {
            parser.skipChildren();
          }
        }
      }
    }
  }

  private static void leaf(JsonParser parser, JsonToken value, List<String> out)
      throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      out.add(parser.getText());
    } else if (value == JsonToken.START_ARRAY) {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
          out.add(parser.getText());
        } else {
          parser.skipChildren();
        }
      }
    } else {
      parser.skipChildren();
    }
  }
}
