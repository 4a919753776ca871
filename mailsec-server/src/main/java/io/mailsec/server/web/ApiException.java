package io.mailsec.server.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that fails in a way the client should hear about: it becomes the contract's error body
 * {@code {"error":{"code","message",...}}} with {@link #status()}. Messages go to the client, so
 * they name what to change and never carry internal details or secrets.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, Object> extra;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiException(int status, String code, String message, Map<String, Object> extra) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = new LinkedHashMap<>(extra);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Extra members of the error object, e.g. {@code line}, {@code column}, {@code fields}. */
  public Map<String, Object> extra() {
    return extra;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  /** A validation failure: one message per offending field. */
  public static ApiException invalid(Map<String, String> fields) {
    return new ApiException(
        400,
        "validation",
        "some fields are invalid",
        Map.of("fields", new LinkedHashMap<>(fields)));
  }
}
