package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiemLogsApiTest extends SimulatorTestBase {
  private static final String PATH = "/api/audit/get-siem-logs";

  @BeforeEach
  void startSimulator() throws Exception {
    startSmall();
  }

  @Test
  void servesOneNamedFilePerCallWithATokenHeader() {
    HttpResponse<byte[]> response = call("{\"type\":\"MTA\",\"fileFormat\":\"json\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
    assertThat(response.headers().firstValue("content-disposition").orElseThrow())
        .matches("attachment; filename=\"receipt_\\d{17}\\.json\"");
    assertThat(response.headers().firstValue("mc-siem-token")).isPresent();
  }

  @Test
  void jsonFilesHaveTypedValuesAndKeyValueFilesHaveStrings() {
    List<Harvest.SiemFile> json = Harvest.siemLogs(client, "json", false);
    JsonNode receipt = json.get(0).records().get(0);
    assertThat(json.get(0).name()).startsWith("receipt_");
    assertThat(receipt.path("datetime").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}");
    assertThat(json.stream().flatMap(f -> f.records().stream()).filter(r -> r.has("SpamScore")))
        .allSatisfy(r -> assertThat(r.path("SpamScore").isInt()).isTrue());
    assertThat(json.stream().flatMap(f -> f.records().stream()).filter(r -> r.has("Delivered")))
        .allSatisfy(r -> assertThat(r.path("Delivered").isBoolean()).isTrue());

    List<Harvest.SiemFile> keyValue = Harvest.siemLogs(client, "key_value", false);
    assertThat(keyValue)
        .extracting(Harvest.SiemFile::name)
        .allMatch(n -> n.matches("[a-z_]+_\\d{17}\\.log"));
    assertThat(keyValue.stream().mapToInt(f -> f.records().size()).sum())
        .isEqualTo(json.stream().mapToInt(f -> f.records().size()).sum());
  }

  @Test
  void rowsOfOneMessageShareTheirIdentity() {
    List<JsonNode> rows =
        Harvest.siemLogs(client, "json", false).stream()
            .flatMap(f -> f.records().stream())
            .toList();
    JsonNode process =
        rows.stream()
            .filter(r -> r.path("Act").asText().equals("Acc") && r.has("MsgSize"))
            .findFirst()
            .orElseThrow();
    String aCode = process.path("aCode").asText();

    List<JsonNode> sameMessage =
        rows.stream().filter(r -> r.path("aCode").asText().equals(aCode)).toList();
    assertThat(sameMessage.size()).isGreaterThanOrEqualTo(3);
    assertThat(sameMessage)
        .filteredOn(r -> r.has("MsgId"))
        .extracting(r -> r.path("MsgId").asText())
        .containsOnly(process.path("MsgId").asText());
    assertThat(sameMessage)
        .filteredOn(r -> r.has("Subject"))
        .extracting(r -> r.path("Subject").asText())
        .containsOnly(process.path("Subject").asText());
  }

  @Test
  void reproducesTheDocumentedQuirks() throws Exception {
    simulator.close();
    start(smallOptions().messagesPerDay(2_000).build());
    List<Harvest.SiemFile> files = Harvest.siemLogs(client, "json", true);

    assertThat(files)
        .extracting(f -> utf8(f.content()).contains("]}{\"data\":["))
        .as("some files hold two JSON objects on one line")
        .contains(true);
    List<JsonNode> rows = files.stream().flatMap(f -> f.records().stream()).toList();
    assertThat(rows).extracting(r -> r.path("Sender").asText()).as("null senders").contains("<>");
    List<JsonNode> rejected =
        rows.stream().filter(r -> r.path("Act").asText().equals("Rej")).toList();
    assertThat(rejected).isNotEmpty();
    assertThat(rejected)
        .extracting(r -> r.has("MsgId"))
        .as("rejections carry no MsgId")
        .containsOnly(false);
  }

  @Test
  void answersIsLastTokenWhenCaughtUpAndServesNewFilesLater() {
    Harvest.SiemRun run = Harvest.siemRun(client, "json", false, null);
    assertThat(run.files()).isNotEmpty();

    HttpResponse<byte[]> caughtUp =
        call("{\"fileFormat\":\"json\",\"token\":\"" + run.resumeToken() + "\"}");
    assertThat(caughtUp.headers().firstValue("content-type")).contains("application/json");
    assertThat(SimClient.json(caughtUp).path("meta").path("isLastToken").asBoolean()).isTrue();
    String resume = caughtUp.headers().firstValue("mc-siem-token").orElseThrow();

    clock.advance(Duration.ofMinutes(15));
    Harvest.SiemRun next = Harvest.siemRun(client, "json", false, resume);
    assertThat(next.files()).isNotEmpty();
    assertThat(next.files().stream().flatMap(f -> f.records().stream()))
        .allSatisfy(
            r ->
                assertThat(Instant.ofEpochSecond(Keys.epochSecond(r.path("datetime").asText())))
                    .isAfterOrEqualTo(Instant.parse("2024-11-13T12:00:00Z")));
  }

  @Test
  void compressedRepliesAreZipsOfTypedFiles() {
    HttpResponse<byte[]> response = call("{\"fileFormat\":\"key_value\",\"compress\":true}");

    assertThat(response.headers().firstValue("content-disposition").orElseThrow())
        .endsWith(".zip\"");
    List<Harvest.SiemFile> files = Harvest.unzip(response.body(), "key_value");
    assertThat(files.size()).isGreaterThan(1);
    assertThat(files)
        .extracting(Harvest.SiemFile::name)
        .allMatch(n -> n.matches("[a-z_]+_\\d{17}\\.log"));
  }

  @Test
  void rejectsATokenThatIsNotOurs() {
    JsonNode body = SimClient.json(call("{\"fileFormat\":\"json\",\"token\":\"bm9wZQ.bm9wZQ\"}"));

    assertThat(body.path("fail").get(0).path("errors").get(0).path("code").asText())
        .isEqualTo("err_audit_siem_invalid_token");
  }

  @Test
  void filesOlderThanTheHistoryWindowDisappear() {
    HttpResponse<byte[]> first = call("{\"fileFormat\":\"json\"}");
    String oldToken = first.headers().firstValue("mc-siem-token").orElseThrow();
    Instant oldestBefore = oldest(first);

    clock.advance(Duration.ofHours(6));
    HttpResponse<byte[]> later = call("{\"fileFormat\":\"json\"}");
    assertThat(oldest(later))
        .isAfterOrEqualTo(clock.instant().minus(Duration.ofDays(1)).minus(Duration.ofMinutes(15)));
    assertThat(oldest(later)).isAfter(oldestBefore.plus(Duration.ofHours(5)));

    JsonNode aged =
        SimClient.json(call("{\"fileFormat\":\"json\",\"token\":\"" + oldToken + "\"}"));
    assertThat(aged.path("fail").get(0).path("errors").get(0).path("code").asText())
        .as("a token whose successors were deleted unseen is refused, not silently skipped")
        .isEqualTo("err_audit_siem_invalid_token");
  }

  @Test
  void rejectsUnknownFileFormats() {
    JsonNode body = SimClient.json(call("{\"fileFormat\":\"xml\"}"));
    JsonNode error = body.path("fail").get(0).path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("fileFormat");
  }

  private HttpResponse<byte[]> call(String item) {
    return client.api1(PATH, "{\"data\":[" + item + "]}");
  }

  private static Instant oldest(HttpResponse<byte[]> file) {
    return Harvest.parseSiemFile(file.body(), "json").stream()
        .map(r -> Instant.ofEpochSecond(Keys.epochSecond(r.path("datetime").asText())))
        .min(Instant::compareTo)
        .orElseThrow();
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
