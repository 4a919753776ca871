package io.mailsec.server.web;

import static io.mailsec.server.web.WebHarness.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.server.auth.LoginThrottle;
import io.mailsec.server.auth.MutableClock;
import io.mailsec.server.auth.Role;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log-in throttling, cookies, expiry, log-out and token revocation over HTTP. */
class SessionFlowTest {
  @TempDir Path tmp;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  WebHarness web;

  @AfterEach
  void stop() {
    web.close();
  }

  private void start() {
    web =
        new WebHarness(
            tmp,
            b ->
                b.clock(clock)
                    .sessionTimeouts(Duration.ofMinutes(30), Duration.ofHours(12))
                    .throttle(new LoginThrottle(clock, 5, 20, Duration.ofMinutes(15))));
  }

  private HttpRequest withCookie(String path, WebHarness.Login login) {
    return HttpRequest.newBuilder(web.uri(path)).header("Cookie", login.cookie()).build();
  }

  @Test
  void failedLoginsAreThrottledWithRetryAfterAndAudited() {
    start();
    for (int i = 0; i < 5; i++) {
      var r =
          web.post(
              "/api/v1/auth/login",
              body("username", "viewer", "password", "wrong " + i),
              new WebHarness.Nobody());
      assertThat(r.status()).isEqualTo(401);
    }
    var blocked =
        web.post(
            "/api/v1/auth/login",
            body("username", "viewer", "password", WebHarness.PASSWORD),
            new WebHarness.Nobody());
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.raw().headers().firstValue("Retry-After")).hasValue("900");
    clock.advance(Duration.ofMinutes(16));
    assertThat(web.loginAs("viewer", WebHarness.PASSWORD).csrf()).isNotEmpty();
    assertThat(web.server.audit().newest(20))
        .extracting(e -> e.action())
        .contains("auth.login_failed", "auth.login_throttled", "auth.login");
  }

  @Test
  void sessionCookieIsHttpOnlyStrictAndExpires() {
    start();
    var r =
        web.post(
            "/api/v1/auth/login",
            body("username", "analyst", "password", WebHarness.PASSWORD),
            new WebHarness.Nobody());
    String cookie = r.raw().headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure");
    WebHarness.Login login = web.login(Role.ANALYST);
    assertThat(web.send(withCookie("/api/v1/auth/me", login)).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(31));
    assertThat(web.send(withCookie("/api/v1/auth/me", login)).status()).isEqualTo(401);
  }

  @Test
  void logoutEndsTheSession() {
    start();
    WebHarness.Login login = web.loginAs("viewer", WebHarness.PASSWORD);
    var logout =
        web.send(
            HttpRequest.newBuilder(web.uri("/api/v1/auth/logout"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Cookie", login.cookie())
                .header(AccessControl.CSRF_HEADER, login.csrf())
                .build());
    assertThat(logout.status()).isEqualTo(204);
    assertThat(web.send(withCookie("/api/v1/auth/me", login)).status()).isEqualTo(401);
  }

  @Test
  void revokedTokensStopWorkingAndTokensAreOwnUnlessAdmin() {
    start();
    var created = web.post("/api/v1/tokens", body("name", "script"), WebHarness.analyst()).json();
    String value = created.get("token").asText();
    HttpRequest me =
        HttpRequest.newBuilder(web.uri("/api/v1/auth/me"))
            .header("Authorization", "Bearer " + value)
            .build();
    assertThat(web.send(me).json().get("role").asText()).isEqualTo("analyst");
    String id = created.get("id").asText();
    assertThat(web.get("/api/v1/tokens", WebHarness.viewer()).body()).doesNotContain(id);
    assertThat(web.get("/api/v1/tokens", WebHarness.admin()).body())
        .contains(id)
        .doesNotContain(value);
    assertThat(web.send("DELETE", "/api/v1/tokens/" + id, null, WebHarness.viewer()).status())
        .isEqualTo(404);
    assertThat(web.send("DELETE", "/api/v1/tokens/" + id, null, WebHarness.analyst()).status())
        .isEqualTo(204);
    assertThat(web.send(me).status()).isEqualTo(401);
  }

  @Test
  void adminManagesUsersAndAPasswordResetEndsSessions() {
    start();
    var add =
        web.post(
            "/api/v1/users",
            body("username", "grace", "role", "analyst", "password", "grace password 1"),
            WebHarness.admin());
    assertThat(add.status()).as(add.body()).isEqualTo(201);
    assertThat(add.body()).doesNotContain("grace password 1").doesNotContain("pbkdf2");
    WebHarness.Login grace = web.loginAs("grace", "grace password 1");
    clock.advance(Duration.ofSeconds(1));
    var reset =
        web.send(
            "PUT", "/api/v1/users/grace", body("password", "grace password 2"), WebHarness.admin());
    assertThat(reset.status()).isEqualTo(200);
    assertThat(web.send(withCookie("/api/v1/auth/me", grace)).status()).isEqualTo(401);
    assertThat(web.get("/api/v1/users", WebHarness.admin()).body())
        .contains("grace")
        .doesNotContain("pbkdf2");
    assertThat(web.send("DELETE", "/api/v1/users/grace", null, WebHarness.admin()).status())
        .isEqualTo(204);
  }
}
