package io.mailsec.simulator.http;

import io.mailsec.simulator.render.Json;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to write: status, headers in order, body bytes. Immutable. */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {

  public SimResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static SimResponse json(int status, Object body) {
    return bytes(status, "application/json", Json.bytes(body));
  }

  public static SimResponse bytes(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    return new SimResponse(status, headers, body);
  }

  public static SimResponse text(int status, String contentType, String body) {
    return bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public static SimResponse empty(int status) {
    return new SimResponse(status, Map.of(), new byte[0]);
  }

  public SimResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new SimResponse(status, copy, body);
  }
}
