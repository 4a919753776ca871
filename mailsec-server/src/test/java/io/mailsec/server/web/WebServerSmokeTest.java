package io.mailsec.server.web;

import static io.mailsec.server.web.WebHarness.admin;
import static io.mailsec.server.web.WebHarness.body;
import static io.mailsec.server.web.WebHarness.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.server.auth.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebServerSmokeTest {
  @TempDir Path tmp;
  WebHarness web;

  @BeforeEach
  void start() {
    web = new WebHarness(tmp);
  }

  @AfterEach
  void stop() {
    web.close();
  }

  @Test
  void healthIsOpenAndCarriesSecurityHeaders() {
    WebHarness.Response r = web.get("/health", new WebHarness.Nobody());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("ok");
    assertThat(r.raw().headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            v -> assertThat(v).contains("default-src 'self'", "frame-ancestors 'none'"));
    assertThat(r.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.raw().headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  void loginThenMeThenLogout() {
    WebHarness.Response me = web.get("/api/v1/auth/me", viewer());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("role").asText()).isEqualTo("viewer");
    assertThat(web.get("/api/v1/auth/me", new WebHarness.Nobody()).status()).isEqualTo(401);
  }

  @Test
  void unknownApiPathIsJson404AndBadJsonIs400() {
    WebHarness.Response r = web.get("/api/v1/nothing-here", admin());
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("not_found");
    WebHarness.Response bad = web.post("/api/v1/search", "{\"query\": ", admin());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/error/code").asText()).isEqualTo("bad_json");
    WebHarness.Response unknown = web.post("/api/v1/search", body("query", "", "nope", 1), admin());
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/code").asText()).isEqualTo("unknown_field");
  }

  @Test
  void queryErrorHasLineAndColumn() {
    WebHarness.Response r =
        web.post(
            "/api/v1/search",
            body("query", "FROM email WHERE from_email_adress = 'x'"),
            new WebHarness.TokenOf(Role.VIEWER));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().at("/error/line").asInt()).isEqualTo(1);
    assertThat(r.json().at("/error/column").asInt()).isEqualTo(18);
    assertThat(r.json().at("/error/suggestion").asText()).isEqualTo("from_email_address");
  }
}
