package io.mailsec.mimecast.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** What every endpoint family needs: the transport, the base URL and the authenticator. */
record ClientContext(HttpTransport transport, URI baseUrl, Authenticator authenticator) {

  boolean api2() {
    return authenticator.api2();
  }

  PayloadLimits limits() {
    return transport.settings().limits();
  }

  URI uri(String path) {
    return resolve(baseUrl, path, Map.of());
  }

  /** {@code baseUrl + path + ?query}; null values are left out, values are form-encoded. */
  URI uri(String path, Map<String, String> query) {
    return resolve(baseUrl, path, query);
  }

  static URI resolve(URI base, String path, Map<String, String> query) {
    String root = base.toString();
    while (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (name, value) -> {
          if (value != null) {
            params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return URI.create(root + path + params);
  }

  /** A parsed JSON page and its text (records are cut from the text verbatim). */
  record JsonPage(String text, JsonNode tree) {}

  /** POSTs a 1.0-style envelope and returns the page after checking it for reported errors. */
  JsonPage postEnvelope(Endpoint endpoint, ObjectNode body) {
    Response response =
        transport.send(
            ApiRequest.postJson(uri(endpoint.path()), endpoint, bytes(body), authenticator));
    return readChecked(response, endpoint);
  }

  /** GETs a {@code /siem/v1} page and returns it after checking it for reported errors. */
  JsonPage get(Endpoint endpoint, Map<String, String> query) {
    Response response =
        transport.send(ApiRequest.get(uri(endpoint.path(), query), endpoint, authenticator));
    return readChecked(response, endpoint);
  }

  JsonPage readChecked(Response response, Endpoint endpoint) {
    String text = transport.readPage(response, endpoint);
    JsonNode tree = Json.tree(text, endpoint.path() + " response");
    transport.checkEnvelope(tree, endpoint);
    return new JsonPage(text, tree);
  }

  static byte[] bytes(JsonNode body) {
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a request body", e);
    }
  }

  /** {@code {"meta":{"pagination":{...}},"data":[item]}}; pagination only when given. */
  static ObjectNode envelope(Integer pageSize, String pageToken, ObjectNode item) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (pageSize != null || pageToken != null) {
      ObjectNode pagination = body.putObject("meta").putObject("pagination");
      if (pageSize != null) {
        pagination.put("pageSize", pageSize);
      }
      if (pageToken != null) {
        pagination.put("pageToken", pageToken);
      }
    }
    body.putArray("data").add(item);
    return body;
  }
}
