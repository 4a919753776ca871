package io.mailsec.mimecast.client;

import java.net.http.HttpRequest;

/** Adds credentials to a request; one implementation per API version. Thread-safe. */
interface Authenticator {

  /** Adds the authentication headers for a request to {@code path}; may fetch a token. */
  void authenticate(HttpRequest.Builder request, String path);

  /**
   * Called once per call after an HTTP 401. Returns true when fresh credentials may fix it (an
   * OAuth token that expired or was revoked); the implementation has then dropped its cache.
   */
  boolean renewAfterUnauthorized();

  /** True for API 2.0 (bearer tokens), false for API 1.0 (HMAC). */
  boolean api2();
}
