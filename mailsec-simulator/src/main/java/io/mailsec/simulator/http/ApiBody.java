package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.render.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed 1.0 request envelope {@code
 * {"meta":{"pagination":{pageSize,pageToken}},"data":[{...}]}}. Only the first {@code data} item is
 * used (the log endpoints take one query each); a missing item reads as an empty object.
 */
record ApiBody(ObjectNode item, Integer pageSize, String pageToken) {

  /** Parses the body, or returns {@code null} when it is not (relaxed) JSON. */
  static ApiBody parse(SimRequest request) {
    JsonNode root;
    try {
      root = RelaxedJson.parse(request.bodyText());
    } catch (IOException e) {
      return null;
    }
    if (root == null) {
      return new ApiBody(Json.object(), null, null);
    }
    if (!root.isObject()) {
      return null;
    }
    JsonNode pagination = root.path("meta").path("pagination");
    Integer pageSize =
        pagination.path("pageSize").canConvertToInt() ? pagination.path("pageSize").asInt() : null;
    if (pageSize == null && pagination.path("pageSize").isTextual()) {
      try {
        pageSize = Integer.parseInt(pagination.path("pageSize").asText().trim());
      } catch (NumberFormatException e) {
        pageSize = null;
      }
    }
    String pageToken = textOf(pagination.path("pageToken"));
    JsonNode data = root.path("data");
    ObjectNode item =
        data.isArray() && data.size() > 0 && data.get(0).isObject()
            ? (ObjectNode) data.get(0)
            : Json.object();
    return new ApiBody(item, pageSize, pageToken);
  }

  static SimResponse malformed() {
    return SimResponse.json(
        400,
        Envelopes.fail(
            400, "err_request_malformed", "The request body is not valid JSON", null, false, null));
  }

  String text(String field) {
    return textOf(item.path(field));
  }

  private static String textOf(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String value = node.isTextual() ? node.asText() : node.toString();
    return value.isBlank() ? null : value.trim();
  }

  /** A boolean field; accepts JSON booleans and the strings true/false. */
  Boolean bool(String field) {
    JsonNode node = item.path(field);
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isTextual()) {
      String value = node.asText().trim().toLowerCase(Locale.ROOT);
      if (value.equals("true") || value.equals("false")) {
        return Boolean.valueOf(value);
      }
    }
    return null;
  }

  /** A list field; a single string counts as a one-element list. */
  List<String> list(String field) {
    JsonNode node = item.path(field);
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> values.add(v.asText().trim()));
    } else if (node.isTextual() && !node.asText().isBlank()) {
      values.add(node.asText().trim());
    }
    return values;
  }

  /** The page size to use: the request's, clamped to {@code [1, max]}, or the default. */
  int pageSizeOr(int defaultSize, int max) {
    if (pageSize == null || pageSize < 1) {
      return defaultSize;
    }
    return Math.min(pageSize, max);
  }
}
