package io.mailsec.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.simulator.SimulatorCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server-side check against the worked example of mimecast-api.md §1.3. */
class Api1AuthenticatorTest {
  private static final String SECRET = "dGhpcy1pcy1hLWRlbW8tc2VjcmV0LWtleS0zMmJ5dGU=";
  private static final String DATE = "Tue, 24 Nov 2015 12:50:11 UTC";
  private static final String REQUEST_ID = "8578FCFC-A305-4D9A-99CB-F4D5ECEFE297";
  private static final String PATH = "/api/audit/get-siem-logs";

  private final SimulatorCredentials credentials =
      new SimulatorCredentials(
          "demo-app-id",
          "demo-app-key",
          "demo-access-key",
          SECRET,
          "u@example.com",
          "pw",
          "c",
          "s");
  private final Api1Authenticator authenticator =
      new Api1Authenticator(
          "demo-app-id",
          "demo-app-key",
          new Bindings(7, credentials),
          Duration.ofMinutes(15),
          (type, path) -> false);

  @Test
  void computesTheDocumentedSignature() {
    assertThat(
            Crypto.api1Signature(
                java.util.Base64.getDecoder().decode(SECRET),
                DATE + ":" + REQUEST_ID + ":" + PATH + ":demo-app-key"))
        .isEqualTo("/bkHbQSTOJHuPk71m0g/26uzjZY=");
  }

  @Test
  void acceptsTheDocumentedRequest() {
    AuthOutcome outcome =
        authenticator.verify(
            request("MC demo-access-key:/bkHbQSTOJHuPk71m0g/26uzjZY="),
            Instant.parse("2015-11-24T12:50:11Z"));

    assertThat(outcome.error()).isNull();
    assertThat(outcome.caller().identity()).isEqualTo("u@example.com");
  }

  @Test
  void rejectsAnAlteredSignatureOrDate() {
    Instant signedAt = Instant.parse("2015-11-24T12:50:11Z");
    assertThat(
            authenticator
                .verify(request("MC demo-access-key:/bkHbQSTOJHuPk71m0g/26uzjZX="), signedAt)
                .error()
                .status())
        .isEqualTo(401);
    assertThat(
            authenticator
                .verify(
                    request("MC demo-access-key:/bkHbQSTOJHuPk71m0g/26uzjZY="),
                    signedAt.plus(Duration.ofMinutes(16)))
                .error()
                .status())
        .isEqualTo(401);
  }

  private static SimRequest request(String authorization) {
    return new SimRequest(
        "POST",
        PATH,
        Map.of(),
        Map.of(
            "authorization", List.of(authorization),
            "x-mc-app-id", List.of("demo-app-id"),
            "x-mc-date", List.of(DATE),
            "x-mc-req-id", List.of(REQUEST_ID)),
        new byte[0]);
  }
}
