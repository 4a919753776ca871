package io.mailsec.mimecast.client;

import io.mailsec.core.Secret;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

/**
 * Headers of the API 1.0 calls made before a binding exists: discover-authentication (application
 * id only) and login (plus the user's password). The password lives only as long as this object,
 * which lives only for one call.
 */
final class LoginAuthenticator implements Authenticator {
  private final String appId;
  private final Clock clock;
  private final PasswordKind kind;
  private final String userName;
  private final Secret password;

  private LoginAuthenticator(
      String appId, Clock clock, PasswordKind kind, String userName, Secret password) {
    this.appId = appId;
    this.clock = clock;
    this.kind = kind;
    this.userName = userName;
    this.password = password;
  }

  static LoginAuthenticator appOnly(String appId, Clock clock) {
    return new LoginAuthenticator(appId, clock, null, null, null);
  }

  static LoginAuthenticator withPassword(
      String appId, Clock clock, PasswordKind kind, String userName, Secret password) {
    return new LoginAuthenticator(appId, clock, kind, userName, password);
  }

  @Override
  public void authenticate(HttpRequest.Builder request, String path) {
    request
        .setHeader("x-mc-app-id", appId)
        .setHeader("x-mc-date", ApiDates.header(clock.instant()))
        .setHeader("x-mc-req-id", UUID.randomUUID().toString());
    if (password != null) {
      String pair = userName + ":" + password.reveal();
      request.setHeader(
          "Authorization",
          kind.scheme()
              + " "
              + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Override
  public boolean renewAfterUnauthorized() {
    return false;
  }

  @Override
  public boolean api2() {
    return false;
  }
}
