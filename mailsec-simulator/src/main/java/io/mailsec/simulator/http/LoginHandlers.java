package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.data.Rng;
import io.mailsec.simulator.render.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API 1.0 {@code discover-authentication} and {@code login} (mimecast-api.md §1.4). Discovery
 * answers for any address and points {@code region.api} at the simulator itself. Login takes {@code
 * Authorization: Basic-Cloud base64(email:password)} (or {@code Basic-AD}) and issues a new
 * binding; sending an existing {@code accessKey} in the item refreshes that binding (the old key
 * stops working).
 */
final class LoginHandlers {
  private final SimContext context;

  LoginHandlers(SimContext context) {
    this.context = context;
  }

  /** The user a Basic-Cloud header names, or {@code null}. */
  static String userOf(String authorization) {
    String[] credentials = basicCredentials(authorization);
    return credentials == null ? null : credentials[0];
  }

  private static String[] basicCredentials(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    int space = value.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = value.substring(0, space);
    if (!scheme.equals("Basic-Cloud") && !scheme.equals("Basic-AD")) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(value.substring(space + 1).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  SimResponse discover(SimRequest request, Caller caller, Instant now) {
    if (!context.credentials.api1AppId().equals(trimmed(request.header("x-mc-app-id")))) {
      return unauthorized(
          "err_developer_key", "The application id (x-mc-app-id) is missing or unknown");
    }
    ApiBody body = ApiBody.parse(request);
    if (body == null) {
      return ApiBody.malformed();
    }
    String email = body.text("emailAddress");
    if (email == null) {
      return Envelopes.validation(
          "err_validation_null", "emailAddress", "emailAddress must not be null", body.item());
    }
    Map<String, Object> region = new LinkedHashMap<>();
    region.put("code", "sim");
    region.put("api", context.baseUrlFor(request));
    region.put("name", "Mimecast simulator");
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("emailAddress", email);
    item.put("emailToken", Rng.of(Rng.hash(email), context.options.seed()).base64Url(40));
    item.put("authenticate", List.of("cloud"));
    item.put("region", region);
    return SimResponse.json(200, Envelopes.ok(List.of(item), null));
  }

  SimResponse login(SimRequest request, Caller caller, Instant now) {
    if (!context.credentials.api1AppId().equals(trimmed(request.header("x-mc-app-id")))) {
      return unauthorized(
          "err_developer_key", "The application id (x-mc-app-id) is missing or unknown");
    }
    String[] credentials = basicCredentials(request.header("authorization"));
    if (credentials == null
        || !credentials[0].equalsIgnoreCase(context.credentials.api1Email())
        || !Crypto.constantTimeEquals(credentials[1], context.credentials.api1Password())) {
      return unauthorized("err_xdk_authentication_failed", "Invalid user name or password");
    }
    ApiBody body = ApiBody.parse(request);
    if (body == null) {
      return ApiBody.malformed();
    }
    String refreshed = body.text("accessKey");
    if (refreshed != null) {
      Bindings.Binding old = context.bindings.find(refreshed);
      if (old != null) {
        old.expire();
      }
    }
    Bindings.Binding binding = context.bindings.issue(context.credentials.api1Email());
    ObjectNode item = Json.object();
    item.put("userName", context.credentials.api1Email());
    item.put("accessKey", binding.accessKey);
    item.put("secretKey", binding.secretKeyBase64);
    item.put("duration", 0);
    item.put("bindingType", "one_step");
    item.put("extendOnValidate", true);
    return SimResponse.json(200, Envelopes.ok(List.of(item), null));
  }

  private static String trimmed(String value) {
    return value == null ? null : value.trim();
  }

  private static SimResponse unauthorized(String code, String message) {
    return SimResponse.json(401, Envelopes.fail(401, code, message, null, false, null));
  }
}
