package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TtpLogsApiTest extends SimulatorTestBase {
  private static final String URL_LOGS = "/api/ttp/url/get-logs";
  private static final String ATTACHMENT_LOGS = "/api/ttp/attachment/get-logs";
  private static final String IMPERSONATION_LOGS = "/api/ttp/impersonation/get-logs";

  @BeforeEach
  void startSimulator() throws Exception {
    startSmall();
  }

  @Test
  void clickLogsAreNewestFirstByDefaultAndOldestFirstOnRequest() {
    List<JsonNode> newest = records(URL_LOGS, "clickLogs", "{\"from\":\"" + daysAgo(1) + "\"}", 25);
    List<JsonNode> oldest =
        records(
            URL_LOGS, "clickLogs", "{\"from\":\"" + daysAgo(1) + "\",\"oldestFirst\":true}", 25);

    assertThat(newest).hasSizeGreaterThan(25);
    assertThat(dates(newest)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(dates(oldest)).isSorted();
    assertThat(newest.get(0).path("date").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");
  }

  @Test
  void pagingReportsTotalCountAndEndsWithoutNext() {
    List<Harvest.Page> pages =
        Harvest.ttpPages(client, URL_LOGS, "clickLogs", "{\"from\":\"" + daysAgo(1) + "\"}", 10);

    int total = pages.get(0).body().path("meta").path("pagination").path("totalCount").asInt();
    assertThat(pages.stream().mapToInt(p -> p.records().size()).sum()).isEqualTo(total);
    assertThat(pages.get(pages.size() - 1).body().path("meta").path("pagination").has("next"))
        .isFalse();
    assertThat(pages.get(1).body().path("meta").path("pagination").has("previous")).isTrue();
  }

  @Test
  void somePagesAreEmptyAlthoughANextTokenFollows() {
    List<Harvest.Page> pages = new ArrayList<>();
    String item = "{\"from\":\"" + daysAgo(1) + "\"}";
    pages.addAll(Harvest.ttpPages(client, URL_LOGS, "clickLogs", item, 5));
    pages.addAll(Harvest.ttpPages(client, ATTACHMENT_LOGS, "attachmentLogs", item, 5));

    assertThat(pages)
        .anySatisfy(
            p -> {
              assertThat(p.records()).isEmpty();
              assertThat(p.body().path("meta").path("pagination").has("next")).isTrue();
              assertThat(
                      p.body().path("data").get(0).has("clickLogs")
                          || p.body().path("data").get(0).has("attachmentLogs"))
                  .isTrue();
            });
  }

  @Test
  void filtersUrlLogsByScanResultAndRoute() {
    List<JsonNode> malicious =
        records(
            URL_LOGS,
            "clickLogs",
            "{\"from\":\"" + daysAgo(1) + "\",\"scanResult\":\"malicious\"}",
            100);
    assertThat(malicious)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.path("scanResult").asText()).isEqualTo("malicious");
              assertThat(r.path("action").asText()).isEqualTo("block");
            });

    List<JsonNode> internal =
        records(
            URL_LOGS, "clickLogs", "{\"from\":\"" + daysAgo(1) + "\",\"route\":\"internal\"}", 100);
    assertThat(internal)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.path("route").asText()).isEqualTo("internal"));
  }

  @Test
  void attachmentLogsCarryCrlfDetailsAndOnlyAFileHash() {
    List<JsonNode> logs =
        records(ATTACHMENT_LOGS, "attachmentLogs", "{\"from\":\"" + daysAgo(1) + "\"}", 100);

    assertThat(logs)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.path("details").asText()).contains("\r\nTime taken: ");
              assertThat(r.path("fileHash").asText()).matches("[0-9a-f]{64}");
              assertThat(r.has("sha256")).isFalse();
            });
    List<JsonNode> malicious =
        records(
            ATTACHMENT_LOGS,
            "attachmentLogs",
            "{\"from\":\"" + daysAgo(1) + "\",\"result\":\"malicious\"}",
            100);
    assertThat(malicious)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.path("result").asText()).isEqualTo("malicious"));
  }

  @Test
  void impersonationLogsCarryResultCountAndFilter() {
    JsonNode page =
        client.api1Json(IMPERSONATION_LOGS, "{\"data\":[{\"from\":\"" + daysAgo(1) + "\"}]}");
    JsonNode data = page.path("data").get(0);
    assertThat(data.path("resultCount").asInt()).isPositive();
    JsonNode first = data.path("impersonationLogs").get(0);
    assertThat(first.path("id").asText()).startsWith("MTOKEN:");
    assertThat(first.path("taggedMalicious").isBoolean()).isTrue();
    assertThat(first.path("hits").isInt()).isTrue();

    List<JsonNode> held =
        records(
            IMPERSONATION_LOGS,
            "impersonationLogs",
            "{\"from\":\"" + daysAgo(1) + "\",\"actions\":[\"hold\"]}",
            100);
    assertThat(held)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.path("action").asText()).isEqualTo("hold"));
    List<JsonNode> tagged =
        records(
            IMPERSONATION_LOGS,
            "impersonationLogs",
            "{\"from\":\"" + daysAgo(1) + "\",\"taggedMalicious\":false}",
            100);
    assertThat(tagged).allSatisfy(r -> assertThat(r.path("taggedMalicious").asBoolean()).isFalse());
    List<JsonNode> byIdentifier =
        records(
            IMPERSONATION_LOGS,
            "impersonationLogs",
            "{\"from\":\"" + daysAgo(1) + "\",\"identifiers\":[\"newly_observed_domain\"]}",
            100);
    assertThat(byIdentifier)
        .allSatisfy(
            r -> assertThat(r.path("identifiers").toString()).contains("newly_observed_domain"));
  }

  @Test
  void anEmptyResultHasNoDataObject() {
    JsonNode page =
        client.api1Json(
            URL_LOGS,
            "{\"data\":[{\"from\":\"2020-01-01T00:00:00+0000\",\"to\":\"2020-01-02T00:00:00+0000\"}]}");
    assertThat(page.path("data")).isEmpty();
    assertThat(page.path("meta").path("pagination").path("totalCount").asInt()).isZero();
  }

  @Test
  void resendingFiltersWithTheTokenGivesTheSamePages() {
    String item = "{\"from\":\"" + daysAgo(1) + "\"}";
    JsonNode first =
        client.api1Json(
            URL_LOGS, "{\"meta\":{\"pagination\":{\"pageSize\":3}},\"data\":[" + item + "]}");
    String next = first.path("meta").path("pagination").path("next").asText();

    JsonNode tokenOnly =
        client.api1Json(
            URL_LOGS,
            "{\"meta\":{\"pagination\":{\"pageSize\":3,\"pageToken\":\"" + next + "\"}}}");
    JsonNode withData =
        client.api1Json(
            URL_LOGS,
            "{\"meta\":{\"pagination\":{\"pageSize\":3,\"pageToken\":\""
                + next
                + "\"}},\"data\":["
                + item
                + "]}");
    assertThat(withData).isEqualTo(tokenOnly);
  }

  @Test
  void invalidFilterValuesFailInside200() {
    JsonNode page = client.api1Json(URL_LOGS, "{\"data\":[{\"route\":\"sideways\"}]}");
    JsonNode error = page.path("fail").get(0).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("err_validation_invalid_value");
    assertThat(error.path("field").asText()).isEqualTo("route");
  }

  private List<JsonNode> records(String path, String arrayKey, String item, int pageSize) {
    List<JsonNode> records = new ArrayList<>();
    Harvest.ttpPages(client, path, arrayKey, item, pageSize)
        .forEach(p -> records.addAll(p.records()));
    return records;
  }

  private static List<Long> dates(List<JsonNode> records) {
    return records.stream().map(r -> Keys.epochSecond(r.path("date").asText())).toList();
  }

  private String daysAgo(int days) {
    return clock.instant().minus(Duration.ofDays(days)).toString();
  }
}
