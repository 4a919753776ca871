package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.Secret;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class HmacSignerTest {
  private static final Secret SECRET_KEY =
      Secret.of("dGhpcy1pcy1hLWRlbW8tc2VjcmV0LWtleS0zMmJ5dGU=");
  private static final Secret APP_KEY = Secret.of("demo-app-key");

  @Test
  void signsTheWorkedExampleOfTheReference() {
    String signature =
        HmacSigner.signature(
            "Tue, 24 Nov 2015 12:50:11 UTC",
            "8578FCFC-A305-4D9A-99CB-F4D5ECEFE297",
            "/api/audit/get-siem-logs",
            APP_KEY,
            SECRET_KEY);

    assertThat(signature).isEqualTo("/bkHbQSTOJHuPk71m0g/26uzjZY=");
  }

  @Test
  void signatureDependsOnThePath() {
    String siem = HmacSigner.signature("d", "r", "/api/audit/get-siem-logs", APP_KEY, SECRET_KEY);
    String ttp = HmacSigner.signature("d", "r", "/api/ttp/url/get-logs", APP_KEY, SECRET_KEY);

    assertThat(siem).isNotEqualTo(ttp);
  }

  @Test
  void formatsTheHeaderDateInUtcWhateverTheDefaultZone() {
    // Surefire runs the tests in Asia/Kolkata with a Turkish locale; this guards that setting.
    assertThat(TimeZone.getDefault().toZoneId()).isNotEqualTo(ZoneOffset.UTC);

    assertThat(ApiDates.header(Instant.parse("2015-11-24T12:50:11Z")))
        .isEqualTo("Tue, 24 Nov 2015 12:50:11 UTC");
    // 23:30 UTC is already the next day in Kolkata: the date must not follow the local zone.
    assertThat(ApiDates.header(Instant.parse("2021-03-01T23:30:05Z")))
        .isEqualTo("Mon, 01 Mar 2021 23:30:05 UTC");
  }

  @Test
  void formatsBodyDatesWithColonLessUtcOffset() {
    Instant instant = Instant.parse("2021-10-15T23:59:59Z");

    assertThat(ApiDates.api(instant)).isEqualTo("2021-10-15T23:59:59+0000");
    assertThat(ApiDates.stream(instant)).isEqualTo("2021-10-15T23:59:59.000Z");
  }

  @Test
  void api1HeadersCarryASignatureOverTheirOwnDateAndRequestId() {
    Clock clock = Clock.fixed(Instant.parse("2015-11-24T12:50:11Z"), ZoneId.of("Asia/Kolkata"));
    Api1Credentials credentials =
        new Api1Credentials("app-id-1", APP_KEY, "access-key-1", SECRET_KEY);
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost/x"));

    new Api1Authenticator(credentials, clock).authenticate(builder, "/api/audit/get-siem-logs");
    HttpRequest request = builder.build();

    String date = request.headers().firstValue("x-mc-date").orElseThrow();
    String requestId = request.headers().firstValue("x-mc-req-id").orElseThrow();
    assertThat(date).isEqualTo("Tue, 24 Nov 2015 12:50:11 UTC");
    assertThat(request.headers().firstValue("x-mc-app-id")).contains("app-id-1");
    assertThat(request.headers().firstValue("Authorization"))
        .contains(
            "MC access-key-1:"
                + HmacSigner.signature(
                    date, requestId, "/api/audit/get-siem-logs", APP_KEY, SECRET_KEY));
  }

  @Test
  void aSecretKeyThatIsNotBase64FailsWithoutEchoingIt() {
    Secret bad = Secret.of("not base64 !!! secret-value-xyz");

    assertThatThrownBy(() -> HmacSigner.signature("d", "r", "/p", APP_KEY, bad))
        .isInstanceOf(InvalidCredentialsException.class)
        .hasMessageNotContaining("secret-value-xyz");
  }

  @Test
  void credentialsNeverPrintTheirSecrets() {
    Api1Credentials api1 =
        new Api1Credentials("app", Secret.of("app-key-value-123"), "access", SECRET_KEY);
    Api2Credentials api2 = new Api2Credentials("client", Secret.of("client-secret-value-456"));

    assertThat(api1.toString())
        .doesNotContain("app-key-value-123")
        .doesNotContain(SECRET_KEY.reveal());
    assertThat(api2.toString()).doesNotContain("client-secret-value-456");
  }
}
