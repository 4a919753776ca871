package io.mailsec.normalize.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of a parsed record, input to event ids: object keys sorted (recursively),
 * every scalar replaced by its text (so {@code 0}, {@code "0"} and the key_value {@code AttCnt=0}
 * agree), JSON null kept as null, array order kept, no insignificant whitespace. Nested JSON held
 * in strings is not decoded.
 */
public final class Canonical {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Canonical() {}

  public static String of(JsonNode node) {
    return Json.write(normalize(node));
  }

  private static JsonNode normalize(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        sorted.put(e.getKey(), normalize(e.getValue()));
      }
      ObjectNode out = NODES.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(element -> out.add(normalize(element)));
      return out;
    }
    if (node.isNull() || node.isMissingNode()) {
      return NODES.nullNode();
    }
    return NODES.textNode(node.asText());
  }
}
