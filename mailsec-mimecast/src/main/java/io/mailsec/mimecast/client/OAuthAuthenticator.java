package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * API 2.0 bearer tokens from {@code /oauth/token} (client credentials), cached and renewed ahead of
 * expiry by {@link ClientSettings#tokenRefreshMargin()} (at most half the lifetime). After a 401
 * the cached token is dropped so that the retry fetches a new one.
 */
final class OAuthAuthenticator implements Authenticator {
  private static final long DEFAULT_LIFETIME_SECONDS = 1800;

  private final Api2Credentials credentials;
  private final HttpTransport transport;
  private final URI tokenUri;
  private String token;
  private Instant renewAt;

  OAuthAuthenticator(Api2Credentials credentials, HttpTransport transport, URI baseUrl) {
    this.credentials = credentials;
    this.transport = transport;
    this.tokenUri = ClientContext.resolve(baseUrl, Endpoint.TOKEN.path(), Map.of());
  }

  @Override
  public void authenticate(HttpRequest.Builder request, String path) {
    request.setHeader("Authorization", "Bearer " + currentToken());
  }

  @Override
  public synchronized boolean renewAfterUnauthorized() {
    token = null;
    return true;
  }

  @Override
  public boolean api2() {
    return true;
  }

  private synchronized String currentToken() {
    Instant now = transport.settings().clock().instant();
    if (token == null || !now.isBefore(renewAt)) {
      fetch(now);
    }
    return token;
  }

  private void fetch(Instant now) {
    String form =
        "client_id="
            + URLEncoder.encode(credentials.clientId(), StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(credentials.clientSecret().reveal(), StandardCharsets.UTF_8)
            + "&grant_type=client_credentials";
    ApiRequest request =
        new ApiRequest(
            "POST",
            tokenUri,
            form.getBytes(StandardCharsets.UTF_8),
            Map.of(
                "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
            Endpoint.TOKEN,
            null,
            true);
    String text = transport.readPage(transport.send(request), Endpoint.TOKEN);
    JsonNode tree = Json.tree(text, "token response");
    transport.checkEnvelope(tree, Endpoint.TOKEN);
    String accessToken = tree.path("access_token").asText("");
    if (accessToken.isBlank()) {
      throw new PayloadException(
          PayloadException.UNEXPECTED, "the token response has no access_token", null);
    }
    long lifetimeSeconds = tree.path("expires_in").asLong(DEFAULT_LIFETIME_SECONDS);
    if (lifetimeSeconds <= 0) {
      lifetimeSeconds = DEFAULT_LIFETIME_SECONDS;
    }
    Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
    Duration margin = transport.settings().tokenRefreshMargin();
    Duration half = lifetime.dividedBy(2);
    token = accessToken;
    renewAt = now.plus(lifetime).minus(margin.compareTo(half) < 0 ? margin : half);
  }
}
