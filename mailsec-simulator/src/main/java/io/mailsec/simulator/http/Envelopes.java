package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.render.Json;
import java.util.Collection;

/**
 * Response bodies: the 1.0 {@code {"meta","data","fail"}} envelope (also used by {@code /api/...}
 * on 2.0), the 2.0 gateway's {@code {"fail":[{"code","message"}]}} and the SIEM 2.0 {@code
 * {"error":{...}}} shape (mimecast-api.md §1.6, §2.1, §3.3).
 */
final class Envelopes {
  private Envelopes() {}

  /** A successful 1.0 envelope; {@code pagination} may be {@code null}. */
  static ObjectNode ok(Collection<?> data, ObjectNode pagination) {
    ObjectNode root = Json.object();
    ObjectNode meta = root.putObject("meta");
    meta.put("status", 200);
    if (pagination != null) {
      meta.set("pagination", pagination);
    }
    ArrayNode dataNode = root.putArray("data");
    for (Object item : data) {
      dataNode.add(Json.MAPPER.valueToTree(item));
    }
    root.putArray("fail");
    return root;
  }

  /**
   * A 1.0 failure: {@code fail[0].errors[0]} carries the code; {@code fail[0].key} echoes the
   * failing data item when there is one.
   *
   * @param field the offending request field, or {@code null}
   * @param key the request item to echo, or {@code null}
   */
  static ObjectNode fail(
      int metaStatus, String code, String message, String field, boolean retryable, JsonNode key) {
    ObjectNode root = Json.object();
    root.putObject("meta").put("status", metaStatus);
    root.putArray("data");
    ObjectNode failure = root.putArray("fail").addObject();
    if (key != null) {
      failure.set("key", key);
    }
    ObjectNode error = failure.putArray("errors").addObject();
    error.put("code", code);
    error.put("message", message);
    error.put("retryable", retryable);
    if (field != null) {
      error.put("field", field);
    }
    return root;
  }

  /** A 1.0 validation failure delivered, as Mimecast does, inside HTTP 200. */
  static SimResponse validation(String code, String field, String message, JsonNode key) {
    return SimResponse.json(200, fail(400, code, message, field, false, key));
  }

  /** The 1.0 rate-limit body: {@code fail[0].message} (read by Elastic) plus the usual errors. */
  static ObjectNode rateLimited1() {
    ObjectNode root = fail(429, "err_rate_limit_exceeded", "Rate limit exceeded", null, true, null);
    ((ObjectNode) root.get("fail").get(0)).put("message", "Rate limit exceeded");
    return root;
  }

  /** A 2.0 gateway error: {@code code} and {@code message} directly in {@code fail[]}. */
  static ObjectNode gateway(String code, String message) {
    ObjectNode root = Json.object();
    ObjectNode failure = root.putArray("fail").addObject();
    failure.put("code", code);
    failure.put("message", message);
    return root;
  }

  /** A SIEM 2.0 endpoint error. */
  static ObjectNode siemError(String code, String message) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return root;
  }
}
