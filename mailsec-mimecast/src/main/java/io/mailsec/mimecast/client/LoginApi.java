package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * API 1.0 set-up calls: find a user's regional host, and obtain or refresh a binding with the
 * user's password. The password is used for the one call and never stored; an integration keeps
 * only the resulting {@link Api1Binding}.
 */
public final class LoginApi {
  private final String appId;
  private final URI discoveryBaseUrl;
  private final HttpTransport transport;
  private final ClientSettings settings;

  private LoginApi(String appId, URI discoveryBaseUrl, ClientSettings settings) {
    this.appId = Objects.requireNonNull(appId, "appId");
    this.discoveryBaseUrl = Objects.requireNonNull(discoveryBaseUrl, "discoveryBaseUrl");
    this.settings = settings;
    this.transport =
        new HttpTransport(
            settings.httpClientOrDefault(), settings, null, false, discoveryBaseUrl.toString());
  }

  /**
   * @param appId the registered application's id ({@code x-mc-app-id})
   * @param discoveryBaseUrl {@link Region#API1_DISCOVERY_URL}, or a stand-in's base URL
   */
  public static LoginApi create(String appId, URI discoveryBaseUrl, ClientSettings settings) {
    return new LoginApi(appId, discoveryBaseUrl, settings);
  }

  /** The regional base URL for the user, e.g. {@code https://eu-api.mimecast.com}. */
  public URI discoverAuthentication(String emailAddress) {
    ObjectNode item = Json.MAPPER.createObjectNode().put("emailAddress", emailAddress);
    JsonNode tree =
        post(
            discoveryBaseUrl,
            Endpoint.DISCOVER,
            item,
            LoginAuthenticator.appOnly(appId, settings.clock()));
    String api = tree.path("data").path(0).path("region").path("api").asText("");
    if (api.isBlank()) {
      throw new PayloadException(
          PayloadException.UNEXPECTED,
          "discover-authentication returned no region for this address",
          null);
    }
    return URI.create(api.contains("://") ? api : "https://" + api);
  }

  /** A new binding for the user (cloud or directory password). */
  public Api1Binding login(URI regionBaseUrl, String userName, Secret password, PasswordKind kind) {
    return login(regionBaseUrl, userName, password, kind, null);
  }

  /**
   * Refreshes an expired binding: the same call with the expired access key, so Mimecast renews
   * that binding instead of adding one (it limits bindings per user).
   */
  public Api1Binding refreshBinding(
      URI regionBaseUrl,
      String userName,
      Secret password,
      PasswordKind kind,
      String expiredAccessKey) {
    return login(regionBaseUrl, userName, password, kind, Objects.requireNonNull(expiredAccessKey));
  }

  private Api1Binding login(
      URI regionBaseUrl,
      String userName,
      Secret password,
      PasswordKind kind,
      String expiredAccessKey) {
    ObjectNode item = Json.MAPPER.createObjectNode().put("userName", userName);
    if (expiredAccessKey != null) {
      item.put("accessKey", expiredAccessKey);
    }
    JsonNode tree =
        post(
            regionBaseUrl,
            Endpoint.LOGIN,
            item,
            LoginAuthenticator.withPassword(appId, settings.clock(), kind, userName, password));
    JsonNode data = tree.path("data").path(0);
    String accessKey = data.path("accessKey").asText("");
    String secretKey = data.path("secretKey").asText("");
    if (accessKey.isBlank() || secretKey.isBlank()) {
      throw new PayloadException(
          PayloadException.UNEXPECTED, "login returned no access key / secret key", null);
    }
    return new Api1Binding(accessKey, Secret.of(secretKey));
  }

  private JsonNode post(URI base, Endpoint endpoint, ObjectNode item, Authenticator auth) {
    ClientContext context = new ClientContext(transport, base, auth);
    return context.postEnvelope(endpoint, ClientContext.envelope(null, null, item)).tree();
  }
}
