package io.mailsec.simulator.http;

/**
 * Who made an authenticated API call.
 *
 * @param apiVersion 1 for HMAC-signed calls, 2 for bearer-token calls, 0 for unauthenticated
 *     endpoints (discover, login, token)
 * @param identity the API 1.0 user or the API 2.0 client id
 */
record Caller(int apiVersion, String identity) {
  static final Caller ANONYMOUS = new Caller(0, "");
}
