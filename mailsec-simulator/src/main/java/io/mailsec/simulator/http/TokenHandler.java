package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.render.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * {@code POST /oauth/token} (mimecast-api.md §2.1): a form with {@code
 * grant_type=client_credentials} and the client id/secret (in the form, or as HTTP Basic
 * credentials per RFC 6749).
 */
final class TokenHandler {
  private final SimContext context;

  TokenHandler(SimContext context) {
    this.context = context;
  }

  /** The client id a token request presents, or {@code null}. */
  static String clientIdOf(SimRequest request) {
    String[] basic = basic(request.header("authorization"));
    if (basic != null) {
      return basic[0];
    }
    return SimRequest.parseQuery(request.bodyText()).get("client_id");
  }

  SimResponse handle(SimRequest request, Caller caller, Instant now) {
    Map<String, String> form = SimRequest.parseQuery(request.bodyText());
    String clientId = form.get("client_id");
    String clientSecret = form.get("client_secret");
    String[] basic = basic(request.header("authorization"));
    if (basic != null) {
      clientId = basic[0];
      clientSecret = basic[1];
    }
    String grantType = form.get("grant_type");
    if (!"client_credentials".equals(grantType)) {
      return SimResponse.json(
          400,
          Envelopes.gateway("unsupported_grant_type", "grant_type must be client_credentials"));
    }
    if (clientId == null
        || clientSecret == null
        || !clientId.equals(context.credentials.api2ClientId())
        || !Crypto.constantTimeEquals(clientSecret, context.credentials.api2ClientSecret())) {
      return SimResponse.json(
          401, Envelopes.gateway("InvalidClientIdentifier", "Client credentials are invalid"));
    }
    String token = context.tokens.issue(clientId, now);
    ObjectNode body = Json.object();
    body.put("access_token", token);
    body.put("token_type", "Bearer");
    body.put("expires_in", context.tokens.lifetime().toSeconds());
    body.put("scope", "");
    return SimResponse.json(200, body);
  }

  private static String[] basic(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
