package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.server.auth.Principal;
import io.mailsec.server.auth.Role;
import io.mailsec.server.auth.SessionManager;
import io.mailsec.server.auth.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Log-in, log-out, who am I, and changing one's own password. A log-in always starts a new session
 * (an old cookie is ended first, against session fixation); its cookie is HttpOnly,
 * SameSite=Strict, path {@code /}, and Secure when the server runs TLS. Failed log-ins are
 * throttled per user name and per client address and audited.
 */
final class AuthRoutes implements RouteGroup {
  private final Services services;

  AuthRoutes(Services services) {
    this.services = services;
  }

  record LoginBody(String username, String password) {
    @Override
    public String toString() {
      return "LoginBody[" + username + "]";
    }
  }

  record PasswordBody(String currentPassword, String newPassword) {
    @Override
    public String toString() {
      return "PasswordBody";
    }
  }

  @Override
  public void addTo(RouteTable routes) {
    routes
        .add(
            new Route(
                io.javalin.http.HandlerType.POST,
                "/api/v1/auth/login",
                null,
                "Log in: {username, password} -> session cookie and CSRF token",
                true,
                this::login))
        .post("/api/v1/auth/logout", Role.VIEWER, "End the session", this::logout)
        .get("/api/v1/auth/me", Role.VIEWER, "The caller: user name, role, CSRF token", this::me)
        .put(
            "/api/v1/auth/password",
            Role.VIEWER,
            "Change one's own password: {currentPassword, newPassword}",
            this::changePassword);
  }

  private void login(Context ctx) {
    LoginBody body = Json.body(ctx, LoginBody.class);
    if (body.username() == null || body.password() == null) {
      throw ApiException.invalid(Map.of("username", "required", "password", "required"));
    }
    String username = Json.clip(body.username());
    String address = AccessControl.clientAddress(ctx);
    Optional<Duration> wait = services.throttle().blockedFor(username, address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", String.valueOf(seconds));
      services.auditAs(ctx, username, "auth.login_throttled", null, "throttled", Map.of());
      throw new ApiException(
          429, "throttled", "too many failed log-ins; try again in " + seconds + " s");
    }
    Optional<User> user = services.users().authenticate(body.username(), body.password());
    if (user.isEmpty()) {
      services.throttle().recordFailure(username, address);
      services.auditAs(ctx, username, "auth.login_failed", null, "invalid_credentials", Map.of());
      throw new ApiException(401, "invalid_credentials", "wrong user name or password");
    }
    services.throttle().recordSuccess(username);
    AccessControl.optionalPrincipal(ctx)
        .filter(Principal::viaSession)
        .ifPresent(old -> services.sessions().invalidate(old.session()));
    SessionManager.NewSession session = services.sessions().create(user.get());
    setCookie(ctx, session.id(), -1);
    services.auditAs(ctx, user.get().username(), "auth.login", null, "ok", Map.of());
    ctx.json(loggedIn(user.get(), session.session().csrfToken()));
  }

  private void logout(Context ctx) {
    Principal principal = AccessControl.principal(ctx);
    if (principal.viaSession()) {
      services.sessions().invalidate(principal.session());
      setCookie(ctx, "", 0);
    }
    services.audit(ctx, "auth.logout", null, "ok", Map.of());
    ctx.status(204);
  }

  private void me(Context ctx) {
    Principal p = AccessControl.principal(ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("username", p.username());
    out.put("role", p.role().id());
    out.put("csrfToken", p.viaSession() ? p.session().csrfToken() : null);
    out.put("via", p.viaSession() ? "session" : "token");
    ctx.json(out);
  }

  private void changePassword(Context ctx) {
    Principal p = AccessControl.principal(ctx);
    PasswordBody body = Json.body(ctx, PasswordBody.class);
    if (body.currentPassword() == null || body.newPassword() == null) {
      throw ApiException.invalid(Map.of("currentPassword", "required", "newPassword", "required"));
    }
    String address = AccessControl.clientAddress(ctx);
    if (services.throttle().blockedFor(p.username(), address).isPresent()) {
      throw new ApiException(429, "throttled", "too many wrong passwords; try again later");
    }
    if (services.users().authenticate(p.username(), body.currentPassword()).isEmpty()) {
      services.throttle().recordFailure(p.username(), address);
      services.audit(ctx, "auth.password_change", p.username(), "wrong_password", Map.of());
      throw ApiException.invalid(Map.of("currentPassword", "is not your current password"));
    }
    User changed = services.users().setPassword(p.username(), body.newPassword());
    services.audit(ctx, "auth.password_change", p.username(), "ok", Map.of());
    if (p.viaSession()) {
      // Every session of the user ended with the old password; this one continues as a new one.
      SessionManager.NewSession session = services.sessions().create(changed);
      setCookie(ctx, session.id(), -1);
      ctx.json(loggedIn(changed, session.session().csrfToken()));
    } else {
      ctx.json(loggedIn(changed, null));
    }
  }

  private static Map<String, Object> loggedIn(User user, String csrfToken) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", Map.of("username", user.username(), "role", user.role().id()));
    out.put("csrfToken", csrfToken);
    return out;
  }

  private void setCookie(Context ctx, String value, int maxAge) {
    StringBuilder cookie =
        new StringBuilder(AccessControl.SESSION_COOKIE)
            .append('=')
            .append(value)
            .append("; Path=/; HttpOnly; SameSite=Strict");
    if (maxAge >= 0) {
      cookie.append("; Max-Age=").append(maxAge);
    }
    if (services.tls()) {
      cookie.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", cookie.toString());
  }
}
