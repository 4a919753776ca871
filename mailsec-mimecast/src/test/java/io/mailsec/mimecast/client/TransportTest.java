package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.mailsec.core.Secret;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry, rate-budget, re-authentication and streaming rules against a scripted server. */
class TransportTest {
  private static final String URL_LOGS = "/api/ttp/url/get-logs";
  private static final String EMPTY_PAGE =
      "{\"meta\":{\"status\":200,\"pagination\":{\"pageSize\":10}},"
          + "\"data\":[{\"clickLogs\":[{\"url\":\"https://a/\"}]}],\"fail\":[]}";

  private FakeServer server;
  private FakeTime time;
  private ClientSettings settings;

  @BeforeEach
  void start() throws Exception {
    server = new FakeServer();
    time = new FakeTime(Instant.parse("2024-05-01T10:00:00Z"));
    settings =
        ClientSettings.defaults()
            .withClock(time)
            .withSleeper(time)
            .withRetryPolicy(
                new RetryPolicy(
                    4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(5)))
            .withRequestTimeout(Duration.ofSeconds(5))
            .withReadIdleTimeout(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MimecastClient api1Client() {
    return MimecastClient.builder()
        .credentials(
            new Api1Credentials("app", Secret.of("app-key"), "access", Secret.of("c2VjcmV0a2V5")))
        .baseUrl(server.baseUrl())
        .settings(settings)
        .build();
  }

  private MimecastClient api2Client(RateBudgets budgets) {
    server.on(
        "/oauth/token",
        (exchange, call) ->
            FakeServer.json(
                exchange,
                200,
                "{\"access_token\":\"token-"
                    + call
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":1799}"));
    return MimecastClient.builder()
        .credentials(new Api2Credentials("client", Secret.of("client-secret")))
        .baseUrl(server.baseUrl())
        .rateBudgets(budgets)
        .settings(settings)
        .build();
  }

  private static TtpUrlQuery anyUrlQuery() {
    return TtpUrlQuery.between(
        Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T09:00:00Z"));
  }

  @Test
  void retriesServerErrorsWithBackoffThenSucceeds() {
    server.on(
        URL_LOGS,
        (exchange, call) ->
            FakeServer.json(exchange, call <= 2 ? 503 : 200, call <= 2 ? "" : EMPTY_PAGE));

    LogPage page = api1Client().ttp().urlLogs(anyUrlQuery());

    assertThat(page.records()).hasSize(1);
    assertThat(server.count(URL_LOGS)).isEqualTo(3);
    assertThat(time.sleeps).hasSize(2);
    assertThat(time.sleeps.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void givesUpAfterMaxAttemptsWithATypedRetryableError() {
    server.on(URL_LOGS, (exchange, call) -> FakeServer.json(exchange, 500, "{\"fail\":[]}"));

    assertThatThrownBy(() -> api1Client().ttp().urlLogs(anyUrlQuery()))
        .isInstanceOfSatisfying(
            ServiceUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(500);
              assertThat(e.retryable()).isTrue();
            });
    assertThat(server.count(URL_LOGS)).isEqualTo(4);
  }

  @Test
  void honoursRetryAfterOnServerErrors() {
    server.on(
        URL_LOGS,
        (exchange, call) -> {
          if (call == 1) {
            exchange.getResponseHeaders().set("Retry-After", "7");
            FakeServer.json(exchange, 503, "");
          } else {
            FakeServer.json(exchange, 200, EMPTY_PAGE);
          }
        });

    api1Client().ttp().urlLogs(anyUrlQuery());

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void waitsTheResetMillisecondsOn429AndSharesTheThrottleThroughTheBudget() {
    RateBudgets budgets = RateBudgets.create();
    server.on(
        URL_LOGS,
        (exchange, call) -> {
          if (call == 1) {
            exchange.getResponseHeaders().set("X-RateLimit-Limit", "100");
            exchange.getResponseHeaders().set("X-RateLimit-Remaining", "0");
            exchange.getResponseHeaders().set("X-RateLimit-Reset", "1500");
            FakeServer.json(exchange, 429, "{\"fail\":[{\"message\":\"Too many requests\"}]}");
          } else {
            FakeServer.json(exchange, 200, EMPTY_PAGE);
          }
        });
    MimecastClient client = api2Client(budgets);

    client.ttp().urlLogs(anyUrlQuery());

    assertThat(time.totalSlept()).isEqualTo(Duration.ofMillis(1500));
    RateBudget.Snapshot snapshot = budgets.snapshots().get(0);
    assertThat(snapshot.key()).isEqualTo("api2:client");
    assertThat(snapshot.throttledCount()).isEqualTo(1);
    assertThat(snapshot.limit()).isEqualTo(100);
  }

  @Test
  void rateLimitedAfterTheLastAttempt() {
    server.on(URL_LOGS, (exchange, call) -> FakeServer.json(exchange, 429, ""));

    assertThatThrownBy(() -> api1Client().ttp().urlLogs(anyUrlQuery()))
        .isInstanceOf(RateLimitedException.class);
    assertThat(server.count(URL_LOGS)).isEqualTo(4);
  }

  @Test
  void aBudgetReportedExhaustedDelaysTheNextCallOfAnotherClient() {
    RateBudgets budgets = RateBudgets.create();
    server.on(
        URL_LOGS,
        (exchange, call) -> {
          exchange.getResponseHeaders().set("X-RateLimit-Remaining", call == 1 ? "0" : "5");
          exchange.getResponseHeaders().set("X-RateLimit-Reset", "2000");
          FakeServer.json(exchange, 200, EMPTY_PAGE);
        });
    MimecastClient first = api2Client(budgets);
    MimecastClient second = api2Client(budgets);

    first.ttp().urlLogs(anyUrlQuery());
    second.ttp().urlLogs(anyUrlQuery());

    assertThat(time.sleeps).containsExactly(Duration.ofMillis(2000));
  }

  @Test
  void forbiddenFailsFastWithoutRetry() {
    server.on(
        URL_LOGS,
        (exchange, call) ->
            FakeServer.json(
                exchange, 403, "{\"fail\":[{\"code\":\"app_forbidden\",\"message\":\"no\"}]}"));

    assertThatThrownBy(() -> api2Client(RateBudgets.create()).ttp().urlLogs(anyUrlQuery()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(server.count(URL_LOGS)).isEqualTo(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void reauthenticatesOnceOnAnExpiredToken() {
    server.on(
        URL_LOGS,
        (exchange, call) -> {
          if (call == 1) {
            FakeServer.json(
                exchange, 401, "{\"fail\":[{\"code\":\"token_expired\",\"message\":\"expired\"}]}");
          } else {
            FakeServer.json(exchange, 200, EMPTY_PAGE);
          }
        });

    api2Client(RateBudgets.create()).ttp().urlLogs(anyUrlQuery());

    assertThat(server.count("/oauth/token")).isEqualTo(2);
    List<FakeServer.Recorded> calls =
        server.requests.stream().filter(r -> r.path().equals(URL_LOGS)).toList();
    assertThat(calls.get(0).header("Authorization")).isEqualTo("Bearer token-1");
    assertThat(calls.get(1).header("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void aSecond401IsACredentialError() {
    server.on(
        URL_LOGS,
        (exchange, call) ->
            FakeServer.json(exchange, 401, "{\"fail\":[{\"code\":\"token_expired\"}]}"));

    assertThatThrownBy(() -> api2Client(RateBudgets.create()).ttp().urlLogs(anyUrlQuery()))
        .isInstanceOf(InvalidCredentialsException.class);
    assertThat(server.count("/oauth/token")).isEqualTo(2);
    assertThat(server.count(URL_LOGS)).isEqualTo(2);
  }

  @Test
  void renewsTheTokenAheadOfExpiryAndSendsTheFormFields() {
    server.on(URL_LOGS, (exchange, call) -> FakeServer.json(exchange, 200, EMPTY_PAGE));
    MimecastClient client = api2Client(RateBudgets.create());

    client.ttp().urlLogs(anyUrlQuery());
    time.advance(Duration.ofSeconds(1700));
    client.ttp().urlLogs(anyUrlQuery());
    time.advance(Duration.ofSeconds(40)); // 1740 s: within 60 s of the 1799 s lifetime
    client.ttp().urlLogs(anyUrlQuery());

    assertThat(server.count("/oauth/token")).isEqualTo(2);
    FakeServer.Recorded token = server.requests.get(0);
    assertThat(token.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(token.body())
        .isEqualTo("client_id=client&client_secret=client-secret&grant_type=client_credentials");
  }

  @Test
  void retriesWhenTheServerDoesNotAnswerInTime() {
    settings = settings.withRequestTimeout(Duration.ofMillis(300));
    CountDownLatch release = new CountDownLatch(1);
    server.on(
        URL_LOGS,
        (exchange, call) -> {
          if (call == 1) {
            release.await(10, TimeUnit.SECONDS);
            return;
          }
          FakeServer.json(exchange, 200, EMPTY_PAGE);
        });

    LogPage page = api1Client().ttp().urlLogs(anyUrlQuery());
    release.countDown();

    assertThat(page.records()).hasSize(1);
    assertThat(server.count(URL_LOGS)).isEqualTo(2);
  }

  @Test
  void aBodyThatStallsFailsWithATimeoutInsteadOfHanging() throws Exception {
    settings = settings.withReadIdleTimeout(Duration.ofMillis(300));
    CountDownLatch release = new CountDownLatch(1);
    server.on(
        "/batch/f1.json.gz",
        (exchange, call) -> {
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          GZIPOutputStream gzip = new GZIPOutputStream(out, true);
          gzip.write("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
          gzip.flush();
          release.await(10, TimeUnit.SECONDS);
        });
    SiemBatchFile file = new SiemBatchFile(server.baseUrl().resolve("/batch/f1.json.gz"), -1, null);

    try (RecordStream records = api2Client(RateBudgets.create()).siemBatch().download(file)) {
      assertThat(records.next().text()).isEqualTo("{\"a\":1}");
      assertThatThrownBy(records::hasNext)
          .isInstanceOfSatisfying(
              ServiceUnavailableException.class, e -> assertThat(e.code()).isEqualTo("timeout"));
    } finally {
      release.countDown();
    }
  }

  @Test
  void batchDownloadsCarryNoAuthorizationAndStreamBeforeTheBodyEnds() throws Exception {
    CountDownLatch firstRecordSeen = new CountDownLatch(1);
    server.on(
        "/batch/f2.json.gz",
        (exchange, call) -> {
          exchange.sendResponseHeaders(200, 0);
          try (GZIPOutputStream gzip = new GZIPOutputStream(exchange.getResponseBody(), true)) {
            gzip.write("{\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
            gzip.flush();
            // The rest is only sent once the client has the first record in hand.
            if (!firstRecordSeen.await(10, TimeUnit.SECONDS)) {
              throw new IllegalStateException("client did not stream");
            }
            gzip.write("{\"n\":2}\n{\"n\":3}\n".getBytes(StandardCharsets.UTF_8));
          }
        });
    SiemBatchFile file = new SiemBatchFile(server.baseUrl().resolve("/batch/f2.json.gz"), -1, null);

    try (RecordStream records = api2Client(RateBudgets.create()).siemBatch().download(file)) {
      RawRecord first = records.next();
      firstRecordSeen.countDown();
      assertThat(first.text()).isEqualTo("{\"n\":1}");
      assertThat(first.origin()).isEqualTo("/batch/f2.json.gz");
      assertThat(records.stream().map(RawRecord::text)).containsExactly("{\"n\":2}", "{\"n\":3}");
    }
    FakeServer.Recorded download =
        server.requests.stream()
            .filter(r -> r.path().startsWith("/batch/"))
            .findFirst()
            .orElseThrow();
    assertThat(download.header("Authorization")).isNull();
    assertThat(server.count("/oauth/token")).isZero();
  }

  @Test
  void aTruncatedGzipIsAPayloadErrorAfterTheRecordsBeforeIt() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < 2000; i++) {
        gzip.write(
            ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 50) + i + "\"}\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = bytes.toByteArray();
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
    server.on(
        "/batch/cut.json.gz",
        (HttpExchange exchange, int call) -> {
          exchange.sendResponseHeaders(200, cut.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(cut);
          }
        });
    SiemBatchFile file =
        new SiemBatchFile(server.baseUrl().resolve("/batch/cut.json.gz"), -1, null);

    try (RecordStream records = api2Client(RateBudgets.create()).siemBatch().download(file)) {
      int read = 0;
      PayloadException failure = null;
      try {
        while (records.hasNext()) {
          records.next();
          read++;
        }
      } catch (PayloadException e) {
        failure = e;
      }
      assertThat(read).isPositive().isLessThan(2000);
      assertThat(failure).isNotNull();
      assertThat(failure.code()).isEqualTo(PayloadException.TRUNCATED);
    }
  }
}
