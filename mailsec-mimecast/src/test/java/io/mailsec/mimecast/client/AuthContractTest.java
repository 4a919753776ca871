package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authentication on both API versions, binding refresh and token renewal against the simulator. */
class AuthContractTest {
  private static final Instant TO = SimulatorHarness.START;
  private static final TtpUrlQuery LAST_DAY = TtpUrlQuery.between(TO.minus(Duration.ofDays(1)), TO);

  private SimulatorHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = SimulatorHarness.start(builder -> builder.tokenLifetime(Duration.ofSeconds(600)));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aWrongApi1SecretKeyIsACredentialErrorWithoutRetries() {
    Api1Credentials good = harness.api1Credentials();
    Api1Credentials wrong =
        new Api1Credentials(
            good.appId(), good.appKey(), good.accessKey(), Secret.of("d3Jvbmcta2V5LXZhbHVl"));

    assertThatThrownBy(() -> harness.client(wrong).ttp().urlLogs(LAST_DAY))
        .isInstanceOfSatisfying(
            InvalidCredentialsException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(401);
              assertThat(e.adviceForAdmin()).contains("Secret Key");
              assertThat(e.toString()).doesNotContain(good.secretKey().reveal());
            });
    assertThat(harness.time.sleeps).isEmpty();
  }

  @Test
  void aWrongApi2ClientSecretIsACredentialError() {
    Api2Credentials wrong =
        new Api2Credentials(harness.api2Credentials().clientId(), Secret.of("not-the-secret"));

    assertThatThrownBy(
            () -> harness.client(wrong).audit().events(AuditQuery.between(TO.minusSeconds(60), TO)))
        .isInstanceOfSatisfying(
            InvalidCredentialsException.class,
            e -> {
              assertThat(e.adviceForAdmin()).contains("Client Secret");
              assertThat(e.getMessage()).doesNotContain("not-the-secret");
            });
  }

  @Test
  void revokedTokensAreRenewedOnceAndTheCallSucceeds() {
    MimecastClient client = harness.api2();
    client.ttp().urlLogs(LAST_DAY);
    harness.arm("revoke-tokens", 1, null);

    LogPage page = client.ttp().urlLogs(LAST_DAY);

    assertThat(page.records()).isNotEmpty();
  }

  @Test
  void anExpiredTokenIsRenewedAheadOfTime() {
    MimecastClient client = harness.api2();
    client.ttp().urlLogs(LAST_DAY);

    harness.time.advance(Duration.ofSeconds(590));
    LogPage beforeExpiry = client.ttp().urlLogs(LAST_DAY);
    harness.time.advance(Duration.ofSeconds(600));
    LogPage afterExpiry = client.ttp().urlLogs(LAST_DAY);

    assertThat(beforeExpiry.records()).isNotEmpty();
    assertThat(afterExpiry.records()).isNotEmpty();
  }

  @Test
  void anExpiredBindingTellsTheAdminWhatToDoAndLoginRefreshesIt() {
    MimecastClient client = harness.api1();
    harness.arm("expire-binding", 1, null);

    assertThatThrownBy(() -> client.ttp().urlLogs(LAST_DAY))
        .isInstanceOfSatisfying(
            BindingExpiredException.class,
            e -> {
              assertThat(e.adviceForAdmin())
                  .contains("Authentication Cache TTL")
                  .contains("Never Expire")
                  .contains("create new keys");
              assertThat(e.retryable()).isFalse();
            });
    assertThatThrownBy(() -> client.ttp().urlLogs(LAST_DAY))
        .isInstanceOf(BindingExpiredException.class);

    LoginApi login =
        LoginApi.create(
            harness.api1Credentials().appId(), harness.simulator.baseUrl(), harness.settings);
    URI region = login.discoverAuthentication(harness.credentials().api1Email());
    Api1Binding binding =
        login.refreshBinding(
            region,
            harness.credentials().api1Email(),
            Secret.of(harness.credentials().api1Password()),
            PasswordKind.CLOUD,
            harness.api1Credentials().accessKey());
    MimecastClient refreshed = harness.client(harness.api1Credentials().withBinding(binding));

    assertThat(region.getPort()).isEqualTo(harness.simulator.baseUrl().getPort());
    assertThat(refreshed.ttp().urlLogs(LAST_DAY).records()).isNotEmpty();
  }

  @Test
  void aWrongPasswordIsRejectedWithPasswordAdvice() {
    LoginApi login =
        LoginApi.create(
            harness.api1Credentials().appId(), harness.simulator.baseUrl(), harness.settings);

    assertThatThrownBy(
            () ->
                login.login(
                    harness.simulator.baseUrl(),
                    harness.credentials().api1Email(),
                    Secret.of("wrong-password-123"),
                    PasswordKind.CLOUD))
        .isInstanceOfSatisfying(
            InvalidCredentialsException.class,
            e -> {
              assertThat(e.adviceForAdmin()).contains("password");
              assertThat(e.toString()).doesNotContain("wrong-password-123");
            });
  }

  @Test
  void aSkewedApi1ClockIsRejectedAsCredentialsProblem() {
    harness.settings =
        harness.settings.withClock(
            java.time.Clock.fixed(TO.minus(Duration.ofHours(3)), java.time.ZoneOffset.UTC));

    assertThatThrownBy(() -> harness.api1().ttp().urlLogs(LAST_DAY))
        .isInstanceOfSatisfying(
            InvalidCredentialsException.class,
            e -> assertThat(e.adviceForAdmin()).contains("clock"));
  }
}
