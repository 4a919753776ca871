package io.mailsec.mimecast.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers for whole (bounded) response pages. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}

  /** The parsed document, or a {@link PayloadException} naming what was being read. */
  static JsonNode tree(String text, String what) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new PayloadException(PayloadException.UNEXPECTED, what + " is empty", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new PayloadException(
          PayloadException.UNEXPECTED, what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The parsed document, or null when the text is not JSON (used for error bodies). */
  static JsonNode treeOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * The exact source text of each element of the array at {@code path} (object keys, or {@code 0}
   * for the first element of an array), in order; empty when the path does not lead to an array.
   * Records are handed on verbatim, so they are cut out of the text rather than re-serialised.
   */
  static List<String> rawArrayElements(String text, String what, Object... path) {
    List<String> elements = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      parser.nextToken();
      if (!descend(parser, path, 0)) {
        return elements;
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        if (token.isStructStart()) {
          parser.skipChildren();
        } else {
          parser.finishToken();
        }
        int end = (int) parser.currentLocation().getCharOffset();
        elements.add(text.substring(start, end));
      }
      return elements;
    } catch (IOException e) {
      throw new PayloadException(
          PayloadException.UNEXPECTED, what + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static boolean descend(JsonParser parser, Object[] path, int index) throws IOException {
    if (index == path.length) {
      return parser.currentToken() == JsonToken.START_ARRAY;
    }
    Object step = path[index];
    if (step instanceof Integer) {
      if (parser.currentToken() != JsonToken.START_ARRAY
          || parser.nextToken() == JsonToken.END_ARRAY) {
        return false;
      }
      return descend(parser, path, index + 1);
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return false;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals(step)) {
        return descend(parser, path, index + 1);
      }
      parser.skipChildren();
    }
    return false;
  }
}
