package io.mailsec.mimecast.client;

import java.net.URI;
import java.util.Map;

/**
 * One logical call, re-sent unchanged on every attempt (authentication headers are recomputed per
 * attempt). {@code authenticator} is null for calls without Mimecast credentials.
 */
record ApiRequest(
    String method,
    URI uri,
    byte[] body,
    Map<String, String> headers,
    Endpoint endpoint,
    Authenticator authenticator,
    boolean budgeted) {

  static ApiRequest postJson(URI uri, Endpoint endpoint, byte[] body, Authenticator auth) {
    return new ApiRequest(
        "POST",
        uri,
        body,
        Map.of("Content-Type", "application/json", "Accept", "application/json"),
        endpoint,
        auth,
        true);
  }

  /** A POST whose success body is a file (octet-stream) rather than a JSON envelope. */
  static ApiRequest postForFile(URI uri, Endpoint endpoint, byte[] body, Authenticator auth) {
    return new ApiRequest(
        "POST",
        uri,
        body,
        Map.of("Content-Type", "application/json", "Accept", "*/*"),
        endpoint,
        auth,
        true);
  }

  static ApiRequest get(URI uri, Endpoint endpoint, Authenticator auth) {
    return new ApiRequest(
        "GET", uri, null, Map.of("Accept", "application/json"), endpoint, auth, true);
  }

  /** A plain GET of a pre-signed URL: no Authorization header, outside the rate budget. */
  static ApiRequest download(URI uri) {
    return new ApiRequest("GET", uri, null, Map.of(), Endpoint.SIEM_DOWNLOAD, null, false);
  }
}
