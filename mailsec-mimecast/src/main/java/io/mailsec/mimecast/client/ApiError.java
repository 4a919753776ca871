package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One error item as Mimecast reports it, whichever of its shapes it came in: API 1.0 {@code
 * fail[].errors[]}, API 2.0 gateway {@code fail[]} with the code directly on the item, or {@code
 * /siem/v1}'s {@code {"error":{...}}}.
 *
 * @param retryable Mimecast's own retryable flag, or null when absent
 */
record ApiError(String code, String message, String field, Boolean retryable) {

  /** All error items of a parsed response body; empty when it reports none. */
  static List<ApiError> from(JsonNode root) {
    List<ApiError> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      return errors;
    }
    for (JsonNode item : root.path("fail")) {
      JsonNode nested = item.path("errors");
      if (nested.isArray() && !nested.isEmpty()) {
        nested.forEach(error -> errors.add(of(error)));
      } else if (item.has("code") || item.has("message")) {
        errors.add(of(item));
      } else {
        errors.add(new ApiError(null, item.toString(), null, null));
      }
    }
    JsonNode error = root.path("error");
    if (error.isObject()) {
      errors.add(of(error));
    } else if (error.isTextual()) {
      errors.add(
          new ApiError(error.asText(), root.path("error_description").asText(null), null, null));
    }
    return errors;
  }

  private static ApiError of(JsonNode node) {
    JsonNode retryable = node.path("retryable");
    return new ApiError(
        text(node, "code"),
        text(node, "message"),
        text(node, "field"),
        retryable.isBoolean() ? retryable.booleanValue() : null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
