package io.mailsec.server.web;

import static io.mailsec.server.web.WebHarness.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.Secret;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a keystore made by the JDK's keytool: secure cookies, HSTS, no plain HTTP. */
class TlsTest {
  static final String STORE_PASSWORD = "test-keystore-pw";

  @TempDir Path tmp;

  @Test
  void servesHttpsWithSecureCookies() throws Exception {
    Path keystore = tmp.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    "mailsec",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    STORE_PASSWORD,
                    "-keypass",
                    STORE_PASSWORD))
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();

    try (WebHarness web =
        new WebHarness(tmp.resolve("data"), b -> b.tls(keystore, Secret.of(STORE_PASSWORD)))) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trust.load(in, STORE_PASSWORD.toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient https =
          HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
      String base = "https://localhost:" + web.server.port();
      assertThat(web.server.baseUrl().getScheme()).isEqualTo("https");

      HttpResponse<String> health =
          https.send(
              HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.headers().firstValue("Strict-Transport-Security")).isPresent();

      HttpResponse<String> login =
          https.send(
              HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/auth/login"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          body("username", "admin", "password", WebHarness.PASSWORD)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
          .contains("Secure", "HttpOnly", "SameSite=Strict");

      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  java.net.URI.create(
                                      "http://127.0.0.1:" + web.server.port() + "/health"))
                              .timeout(Duration.ofSeconds(5))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .statusCode())
          .as("plain HTTP on the TLS port")
          .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(java.io.IOException.class));
    }
  }
}
