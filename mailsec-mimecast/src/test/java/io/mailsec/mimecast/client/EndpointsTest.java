package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.mailsec.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request shapes and response handling of each endpoint family against a scripted server. */
class EndpointsTest {
  private FakeServer server;
  private ClientSettings settings;

  @BeforeEach
  void start() throws IOException {
    server = new FakeServer();
    FakeTime time = new FakeTime(Instant.parse("2024-05-01T10:00:00Z"));
    settings = ClientSettings.defaults().withClock(time).withSleeper(time);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MimecastClient api1() {
    return MimecastClient.builder()
        .credentials(
            new Api1Credentials("app", Secret.of("app-key"), "access", Secret.of("c2VjcmV0a2V5")))
        .baseUrl(server.baseUrl())
        .settings(settings)
        .build();
  }

  private MimecastClient api2() {
    server.on(
        "/oauth/token",
        (exchange, call) ->
            FakeServer.json(exchange, 200, "{\"access_token\":\"tok\",\"expires_in\":1799}"));
    return MimecastClient.builder()
        .credentials(new Api2Credentials("client", Secret.of("secret")))
        .baseUrl(server.baseUrl())
        .settings(settings)
        .build();
  }

  private static JsonNode body(FakeServer.Recorded request) {
    return Json.tree(request.body(), "request");
  }

  private static void octets(HttpExchange exchange, byte[] bytes, String fileName, String token)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange
        .getResponseHeaders()
        .set("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    if (token != null) {
      exchange.getResponseHeaders().set("mc-siem-token", token);
    }
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] zip(String... namesAndContents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndContents[i]));
        zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void siemFileZipStreamsEveryEntryWithItsNameAndFormat() throws Exception {
    byte[] zip =
        zip(
            "receipt_20211018093329655.json",
            "{\"data\":[{\"acc\":\"C1\",\"Act\":\"Acc\"},{\"acc\":\"C1\",\"Act\":\"Rej\"}]}",
            "delivery_20211018093329655.log",
            "datetime=2021-10-18T09:02:43+0100|acc=C1|Delivered=true\n");
    server.on(
        "/api/audit/get-siem-logs",
        (exchange, call) -> octets(exchange, zip, "MTA_20211018093329655.zip", "token-2"));

    try (SiemLogFile file =
        api1().siemLogs().fetch(SiemLogsQuery.fromOldest().withToken("token-1"))) {
      assertThat(file.caughtUp()).isFalse();
      assertThat(file.nextToken()).isEqualTo("token-2");
      assertThat(file.fileName()).isEqualTo("MTA_20211018093329655.zip");
      List<RawRecord> records = file.records().stream().toList();
      assertThat(records)
          .extracting(RawRecord::origin, RawRecord::format, RawRecord::text)
          .containsExactly(
              tuple(
                  "receipt_20211018093329655.json",
                  RecordFormat.JSON,
                  "{\"acc\":\"C1\",\"Act\":\"Acc\"}"),
              tuple(
                  "receipt_20211018093329655.json",
                  RecordFormat.JSON,
                  "{\"acc\":\"C1\",\"Act\":\"Rej\"}"),
              tuple(
                  "delivery_20211018093329655.log",
                  RecordFormat.KEY_VALUE,
                  "datetime=2021-10-18T09:02:43+0100|acc=C1|Delivered=true"));
    }
    JsonNode item = body(server.requests.get(0)).path("data").path(0);
    assertThat(item.path("type").asText()).isEqualTo("MTA");
    assertThat(item.path("fileFormat").asText()).isEqualTo("json");
    assertThat(item.path("compress").asBoolean()).isTrue();
    assertThat(item.path("token").asText()).isEqualTo("token-1");
    assertThat(server.requests.get(0).header("Authorization")).startsWith("MC access:");
  }

  @Test
  void siemCaughtUpReplyKeepsTheTokenAndHasNoRecords() {
    server.on(
        "/api/audit/get-siem-logs",
        (exchange, call) -> {
          exchange.getResponseHeaders().set("mc-siem-token", "token-same");
          FakeServer.json(
              exchange,
              200,
              "{\"meta\":{\"status\":200,\"isLastToken\":true},\"data\":[],\"fail\":[]}");
        });

    try (SiemLogFile file = api1().siemLogs().fetch(SiemLogsQuery.fromOldest())) {
      assertThat(file.caughtUp()).isTrue();
      assertThat(file.nextToken()).isEqualTo("token-same");
      assertThat(file.records().hasNext()).isFalse();
    }
  }

  @Test
  void siemInvalidTokenInsideHttp200IsTyped() {
    server.on(
        "/api/audit/get-siem-logs",
        (exchange, call) ->
            FakeServer.json(
                exchange,
                200,
                "{\"meta\":{\"status\":200},\"data\":[],\"fail\":[{\"errors\":[{\"code\":\"err_audit_siem_invalid_token\",\"message\":\"bad\"}]}]}"));

    assertThatThrownBy(() -> api1().siemLogs().fetch(SiemLogsQuery.fromOldest().withToken("old")))
        .isInstanceOf(InvalidSiemTokenException.class);
  }

  @Test
  void siemBatchListingSendsTheQueryAndReadsTheCursor() {
    server.on(
        "/siem/v1/batch/events/cg",
        (exchange, call) ->
            FakeServer.json(
                exchange,
                200,
                "{\"value\":[{\"url\":\"/files/a.json.gz\",\"size\":489,\"expiry\":\"2024-06-05T11:50:06.389Z\"}],"
                    + "\"@nextPage\":\"tokenNextPage1=\",\"isCaughtUp\":false}"));

    SiemBatchPage page =
        api2()
            .siemBatch()
            .list(
                new SiemBatchQuery(
                    List.of("receipt", "url protect"),
                    LocalDate.of(2024, 11, 13),
                    LocalDate.of(2024, 11, 13),
                    100,
                    "cursor=="));

    assertThat(page.nextPage()).isEqualTo("tokenNextPage1=");
    assertThat(page.caughtUp()).isFalse();
    assertThat(page.files())
        .containsExactly(
            new SiemBatchFile(
                server.baseUrl().resolve("/files/a.json.gz"),
                489,
                Instant.parse("2024-06-05T11:50:06.389Z")));
    FakeServer.Recorded request = server.requests.get(1);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.header("Authorization")).isEqualTo("Bearer tok");
    assertThat(request.query())
        .isEqualTo(
            "type=receipt%2Curl+protect&dateRangeStartsAt=2024-11-13&dateRangeEndsAt=2024-11-13"
                + "&pageSize=100&nextPage=cursor%3D%3D");
  }

  @Test
  void siemStreamReturnsEventsVerbatim() {
    server.on(
        "/siem/v1/events/cg",
        (exchange, call) ->
            FakeServer.json(
                exchange,
                200,
                "{\"value\":[{\"type\":\"receipt\", \"timestamp\":1731499059314},{\"type\":\"av\"}],"
                    + "\"@nextPage\":\"n2\",\"isCaughtUp\":true}"));

    SiemEventPage page =
        api2()
            .siemStream()
            .events(
                new SiemStreamQuery(
                    List.of(),
                    Instant.parse("2025-01-01T12:30:45Z"),
                    Instant.parse("2025-01-01T13:00:00Z"),
                    50,
                    null));

    assertThat(page.events())
        .extracting(RawRecord::text)
        .containsExactly(
            "{\"type\":\"receipt\", \"timestamp\":1731499059314}", "{\"type\":\"av\"}");
    assertThat(page.caughtUp()).isTrue();
    assertThat(server.requests.get(1).query())
        .isEqualTo(
            "dateRangeStartsAt=2025-01-01T12%3A30%3A45.000Z&dateRangeEndsAt=2025-01-01T13%3A00%3A00.000Z&pageSize=50");
  }

  @Test
  void siemV1EndpointsRefuseApi1Credentials() {
    assertThatThrownBy(() -> api1().siemBatch().list(SiemBatchQuery.allTypes()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> api2().siemLogs().fetch(SiemLogsQuery.fromOldest()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void ttpImpersonationSendsFiltersAndReadsAnEmptyPageWithNext() {
    server.on(
        "/api/ttp/impersonation/get-logs",
        (exchange, call) ->
            FakeServer.json(
                exchange,
                200,
                "{\"meta\":{\"status\":200,\"pagination\":{\"pageSize\":5,\"next\":\"more\"}},\"data\":[],\"fail\":[]}"));

    LogPage page =
        api2()
            .ttp()
            .impersonationLogs(
                new TtpImpersonationQuery(
                    Instant.parse("2021-10-15T00:00:00Z"),
                    Instant.parse("2021-10-16T00:00:00Z"),
                    true,
                    true,
                    null,
                    null,
                    List.of("internal_user_name"),
                    List.of("hold"),
                    5,
                    "tok"));

    assertThat(page.records()).isEmpty();
    assertThat(page.nextPageToken()).isEqualTo("more");
    assertThat(page.hasMore()).isTrue();
    JsonNode request = body(server.requests.get(1));
    assertThat(request.path("meta").path("pagination").path("pageToken").asText()).isEqualTo("tok");
    assertThat(request.path("meta").path("pagination").path("pageSize").asInt()).isEqualTo(5);
    JsonNode item = request.path("data").path(0);
    assertThat(item.path("from").asText()).isEqualTo("2021-10-15T00:00:00+0000");
    assertThat(item.path("oldestFirst").asBoolean()).isTrue();
    assertThat(item.path("taggedMalicious").asBoolean()).isTrue();
    assertThat(item.path("identifiers").get(0).asText()).isEqualTo("internal_user_name");
    assertThat(item.path("actions").get(0).asText()).isEqualTo("hold");
  }

  @Test
  void auditEventsAreTheDataItems() {
    server.on(
        "/api/audit/get-audit-events",
        (exchange, call) ->
            FakeServer.json(
                exchange,
                200,
                "{\"meta\":{\"status\":200,\"pagination\":{\"pageSize\":2,\"totalCount\":3,\"next\":\"p2\"}},"
                    + "\"data\":[{\"id\":\"e1\",\"auditType\":\"User Logged On\"},{\"id\":\"e2\"}],\"fail\":[]}"));

    LogPage page =
        api1()
            .audit()
            .events(
                AuditQuery.between(
                        Instant.parse("2021-11-16T12:03:24Z"),
                        Instant.parse("2021-11-17T12:03:24Z"))
                    .withPageSize(2));

    assertThat(page.records())
        .extracting(RawRecord::text)
        .containsExactly("{\"id\":\"e1\",\"auditType\":\"User Logged On\"}", "{\"id\":\"e2\"}");
    assertThat(page.totalCount()).isEqualTo(3);
    assertThat(page.hasMore()).isTrue();
    JsonNode item = body(server.requests.get(0)).path("data").path(0);
    assertThat(item.path("startDateTime").asText()).isEqualTo("2021-11-16T12:03:24+0000");
    assertThat(item.path("endDateTime").asText()).isEqualTo("2021-11-17T12:03:24+0000");
  }

  @Test
  void threatFeedNoResultsIsEmptyNotAnError() {
    server.on(
        "/api/ttp/threat-intel/get-feed",
        (exchange, call) ->
            FakeServer.json(
                exchange,
                200,
                "{\"meta\":{\"status\":200},\"data\":[],\"fail\":[{\"errors\":[{\"code\":\"err_threat_intel_feed_not_found\","
                    + "\"message\":\"No results found for threat intel feed.\",\"retryable\":false}]}]}"));

    try (ThreatFeedFile file =
        api1()
            .threatFeed()
            .fetch(
                ThreatFeedQuery.between(
                    ThreatFeedType.MALWARE_GRID, ThreatFeedFormat.CSV, Instant.EPOCH, null))) {
      assertThat(file.noResults()).isTrue();
      assertThat(file.endOfFeed()).isTrue();
      assertThat(file.records().hasNext()).isFalse();
    }
  }

  @Test
  void threatFeedStixBundleStreamsItsObjects() {
    server.on(
        "/api/ttp/threat-intel/get-feed",
        (exchange, call) -> {
          exchange.getResponseHeaders().set("x-mc-threat-feed-next-token", "feed-2");
          FakeServer.json(
              exchange,
              200,
              "{\"type\":\"bundle\",\"id\":\"bundle--0\",\"spec_version\":\"2.0\",\"objects\":["
                  + "{\"type\":\"malware\",\"id\":\"malware--1\"},{\"type\":\"indicator\",\"id\":\"indicator--1\"}]}");
        });

    try (ThreatFeedFile file =
        api2()
            .threatFeed()
            .fetch(
                ThreatFeedQuery.between(
                        ThreatFeedType.MALWARE_CUSTOMER, ThreatFeedFormat.STIX, null, null)
                    .withToken("feed-1"))) {
      assertThat(file.noResults()).isFalse();
      assertThat(file.nextToken()).isEqualTo("feed-2");
      assertThat(file.endOfFeed()).isFalse();
      assertThat(file.records().stream().map(RawRecord::text))
          .containsExactly(
              "{\"type\":\"malware\",\"id\":\"malware--1\"}",
              "{\"type\":\"indicator\",\"id\":\"indicator--1\"}");
    }
    JsonNode item = body(server.requests.get(1)).path("data").path(0);
    assertThat(item.path("feedType").asText()).isEqualTo("malware_customer");
    assertThat(item.path("fileType").asText()).isEqualTo("stix");
    assertThat(item.path("token").asText()).isEqualTo("feed-1");
  }

  @Test
  void threatFeedCompressedCsvRowsCarryTheHeader() throws Exception {
    byte[] zip =
        zip(
            "malware_grid_csv_20211116120324398.csv",
            "Timestamp|SenderAddress|SHA256\n2021-10-15T10:00:01+0000|a@b.c|ab\n");
    server.on(
        "/api/ttp/threat-intel/get-feed",
        (exchange, call) -> {
          exchange.getResponseHeaders().set("x-mc-threat-feed-next-token", "same");
          octets(exchange, zip, "malware_grid_csv_20211116120324398.zip", null);
        });

    try (ThreatFeedFile file =
        api1()
            .threatFeed()
            .fetch(
                ThreatFeedQuery.between(
                        ThreatFeedType.MALWARE_GRID, ThreatFeedFormat.CSV, null, null)
                    .withCompress(true)
                    .withToken("same"))) {
      List<RawRecord> records = file.records().stream().toList();
      assertThat(records)
          .extracting(RawRecord::text)
          .containsExactly("2021-10-15T10:00:01+0000|a@b.c|ab");
      assertThat(records.get(0).header()).isEqualTo("Timestamp|SenderAddress|SHA256");
      assertThat(file.endOfFeed()).isTrue();
    }
  }

  @Test
  void zipBombIsStoppedAtTheDecompressionLimit() throws Exception {
    settings = settings.withLimits(new PayloadLimits(1 << 20, 64 * 1024, 1 << 20));
    byte[] zip = zip("receipt_1.log", ("datetime=x|acc=C1\n").repeat(20_000));
    server.on(
        "/api/audit/get-siem-logs", (exchange, call) -> octets(exchange, zip, "bomb.zip", "t"));

    try (SiemLogFile file = api1().siemLogs().fetch(SiemLogsQuery.fromOldest())) {
      assertThatThrownBy(() -> file.records().forEachRemaining(record -> {}))
          .isInstanceOfSatisfying(
              PayloadException.class,
              e -> assertThat(e.code()).isEqualTo(PayloadException.TOO_LARGE));
    }
  }

  @Test
  void discoverAndLoginNeverSendThePasswordInClearOrStoreIt() {
    server.on(
        "/api/login/discover-authentication",
        (exchange, call) ->
            FakeServer.json(
                exchange,
                200,
                "{\"meta\":{\"status\":200},\"data\":[{\"emailAddress\":\"u@example.com\","
                    + "\"region\":{\"api\":\""
                    + server.baseUrl()
                    + "\"}}],\"fail\":[]}"));
    server.on(
        "/api/login/login",
        (exchange, call) ->
            FakeServer.json(
                exchange,
                200,
                "{\"meta\":{\"status\":200},\"data\":[{\"accessKey\":\"new-access\",\"secretKey\":\"bmV3\"}],\"fail\":[]}"));
    LoginApi login = LoginApi.create("app-1", server.baseUrl(), settings);

    URI region = login.discoverAuthentication("u@example.com");
    Api1Binding binding =
        login.refreshBinding(
            region, "u@example.com", Secret.of("pa55word"), PasswordKind.CLOUD, "old-access");

    assertThat(region).isEqualTo(server.baseUrl());
    assertThat(binding.accessKey()).isEqualTo("new-access");
    assertThat(binding.secretKey().reveal()).isEqualTo("bmV3");
    assertThat(binding.toString()).doesNotContain("bmV3");
    FakeServer.Recorded discover = server.requests.get(0);
    assertThat(discover.header("Authorization")).isNull();
    assertThat(discover.header("x-mc-app-id")).isEqualTo("app-1");
    assertThat(body(discover).path("data").path(0).path("emailAddress").asText())
        .isEqualTo("u@example.com");
    FakeServer.Recorded loginCall = server.requests.get(1);
    assertThat(loginCall.header("Authorization"))
        .isEqualTo(
            "Basic-Cloud "
                + Base64.getEncoder()
                    .encodeToString("u@example.com:pa55word".getBytes(StandardCharsets.UTF_8)));
    assertThat(body(loginCall).path("data").path(0).path("accessKey").asText())
        .isEqualTo("old-access");
  }

  @Test
  void aSlowServerIsWaitedForWithinTheRequestTimeout() {
    settings = settings.withRequestTimeout(Duration.ofSeconds(10));
    server.on(
        "/api/audit/get-audit-events",
        (exchange, call) -> {
          Thread.sleep(200);
          FakeServer.json(exchange, 200, "{\"meta\":{\"status\":200},\"data\":[],\"fail\":[]}");
        });

    LogPage page =
        api1().audit().events(AuditQuery.between(Instant.EPOCH, Instant.EPOCH.plusSeconds(60)));

    assertThat(page.records()).isEmpty();
    assertThat(server.count("/api/audit/get-audit-events")).isEqualTo(1);
  }
}
