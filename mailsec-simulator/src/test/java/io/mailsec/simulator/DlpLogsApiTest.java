package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/dlp/get-logs} on background traffic: the TTP envelope and paging on both API
 * versions, exactly the ground truth, and records that agree with the SIEM rows of their messages.
 */
class DlpLogsApiTest extends SimulatorTestBase {
  private static final String PATH = "/api/dlp/get-logs";

  @BeforeEach
  void startSimulator() throws Exception {
    // enough outbound mail for a few dozen DLP matches in the retained day
    start(smallOptions().messagesPerDay(3_000).build());
  }

  private String wholeHistory() {
    return "{\"from\":\"" + clock.instant().minus(Duration.ofDays(2)) + "\",\"oldestFirst\":true}";
  }

  private List<JsonNode> api1Records(int pageSize) {
    List<JsonNode> records = new ArrayList<>();
    Harvest.ttpPages(client, PATH, "dlpLogs", wholeHistory(), pageSize)
        .forEach(p -> records.addAll(p.records()));
    return records;
  }

  /** Pages over API 2.0, resending the data item with each token as Sentinel does. */
  private List<JsonNode> api2Records(int pageSize) {
    String token = client.token();
    List<JsonNode> records = new ArrayList<>();
    String pageToken = null;
    for (int call = 0; call < 10_000; call++) {
      String pagination =
          "{\"pageSize\":"
              + pageSize
              + (pageToken == null ? "" : ",\"pageToken\":\"" + pageToken + "\"")
              + "}";
      HttpResponse<byte[]> response =
          client.api2Post(
              token,
              PATH,
              "{\"meta\":{\"pagination\":" + pagination + "},\"data\":[" + wholeHistory() + "]}");
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode page = SimClient.json(response);
      assertThat(page.path("fail")).isEmpty();
      if (page.path("data").size() > 0) {
        page.path("data").get(0).path("dlpLogs").forEach(records::add);
      }
      JsonNode next = page.path("meta").path("pagination").path("next");
      if (next.isMissingNode()) {
        return records;
      }
      pageToken = next.asText();
    }
    throw new AssertionError("paging never ended");
  }

  @Test
  void bothApiVersionsServeExactlyTheGroundTruth() {
    List<String> truth = Keys.groundTruth(client.groundTruth("dlp"));
    assertThat(truth).hasSizeGreaterThan(5).doesNotHaveDuplicates();

    assertThat(api1Records(7).stream().map(Keys::dlp).toList())
        .containsExactlyInAnyOrderElementsOf(truth);
    assertThat(api2Records(4).stream().map(Keys::dlp).toList())
        .containsExactlyInAnyOrderElementsOf(truth);
  }

  @Test
  void recordsCarryTheDocumentedFieldsAndOnlyOutgoingRoutes() {
    List<JsonNode> records = api1Records(100);

    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.path("eventTime").asText())
                  .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");
              assertThat(r.path("route").asText()).isIn("outbound", "internal");
              assertThat(r.path("action").asText()).isIn("hold", "notification");
              assertThat(r.path("policy").asText()).isNotBlank();
              assertThat(r.path("messageId").asText()).startsWith("<").endsWith(">");
              assertThat(r.path("senderAddress").asText()).contains("@");
              assertThat(r.path("recipientAddress").asText()).contains("@");
            });
    assertThat(records.stream().map(r -> r.path("action").asText()).distinct())
        .containsExactlyInAnyOrder("hold", "notification");
    assertThat(records.stream().map(r -> r.path("policy").asText()))
        .contains("Content Inspection - Watermark");
  }

  @Test
  void recordsAgreeWithTheSiemRowsOfTheirMessages() {
    Map<String, List<JsonNode>> receipts = new HashMap<>();
    Map<String, List<JsonNode>> processes = new HashMap<>();
    Set<String> delivered = new HashSet<>();
    Set<String> outgoingMessages = new HashSet<>();
    for (Harvest.SiemFile file : Harvest.siemLogs(client, "json", false)) {
      String type = Keys.v1Type(file.name());
      for (JsonNode row : file.records()) {
        String messageId = row.path("MsgId").asText();
        switch (type) {
          case "receipt" -> {
            receipts.computeIfAbsent(messageId, k -> new ArrayList<>()).add(row);
            if (!row.path("Dir").asText().equals("Inbound")) {
              outgoingMessages.add(messageId);
            }
          }
          case "process" -> processes.computeIfAbsent(messageId, k -> new ArrayList<>()).add(row);
          case "delivery" -> delivered.add(messageId);
          default -> {}
        }
      }
    }
    // SIEM files publish a quarter of an hour late and deliveries follow processing: compare
    // the DLP records whose message is old enough to have all its SIEM rows
    Instant settled = clock.instant().minus(Duration.ofHours(4));
    List<JsonNode> records =
        api1Records(100).stream()
            .filter(r -> Keys.epochSecond(r.path("eventTime").asText()) < settled.getEpochSecond())
            .toList();
    assertThat(records).hasSizeGreaterThan(3);

    Set<String> dlpMessages = new HashSet<>();
    for (JsonNode r : records) {
      String messageId = r.path("messageId").asText();
      dlpMessages.add(messageId);
      assertThat(receipts.get(messageId))
          .as("receipt rows of %s", messageId)
          .anySatisfy(
              receipt -> {
                assertThat(receipt.path("Sender").asText())
                    .isEqualTo(r.path("senderAddress").asText());
                assertThat(receipt.path("Rcpt").asText())
                    .isEqualTo(r.path("recipientAddress").asText());
                assertThat(receipt.path("Subject").asText()).isEqualTo(r.path("subject").asText());
                assertThat(receipt.path("Dir").asText().toLowerCase(Locale.ROOT))
                    .isEqualTo(r.path("route").asText());
              });
      if (r.path("action").asText().equals("hold")) {
        assertThat(processes.get(messageId))
            .singleElement()
            .satisfies(p -> assertThat(p.path("Act").asText()).isEqualTo("Hld"));
        assertThat(delivered).as("held %s delivered", messageId).doesNotContain(messageId);
      } else {
        assertThat(delivered).as("notified %s delivered", messageId).contains(messageId);
      }
    }
    // a small share of the outgoing mail, as DLP policies match in practice
    double share = (double) dlpMessages.size() / outgoingMessages.size();
    assertThat(share).isBetween(0.003, 0.06);
  }

  @Test
  void theWindowBoundsTheRecords() {
    Instant to = clock.instant().minus(Duration.ofHours(6));
    Instant from = to.minus(Duration.ofHours(6));
    String item = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    List<JsonNode> records = new ArrayList<>();
    Harvest.ttpPages(client, PATH, "dlpLogs", item, 50).forEach(p -> records.addAll(p.records()));

    List<Long> seconds =
        records.stream().map(r -> Keys.epochSecond(r.path("eventTime").asText())).toList();
    assertThat(seconds)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s).isBetween(from.getEpochSecond(), to.getEpochSecond()));
    // newest first by default, as the TTP logs
    assertThat(seconds).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void aBadDateIsAValidationFailureInsideHttp200() {
    HttpResponse<byte[]> response = client.api1(PATH, "{\"data\":[{\"from\":\"yesterday\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = SimClient.json(response);
    assertThat(body.path("fail").get(0).path("errors").get(0).path("code").asText())
        .isEqualTo("err_validation_invalid_value");
    assertThat(body.path("fail").get(0).path("errors").get(0).path("field").asText())
        .isEqualTo("from");
  }

  @Test
  void anUnauthenticatedCallIsRefused() {
    HttpResponse<byte[]> response = client.admin("POST", PATH, "{\"data\":[{}]}");

    assertThat(response.statusCode()).isEqualTo(401);
  }
}
