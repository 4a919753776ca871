package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiemBatchApiTest extends SimulatorTestBase {
  private String token;

  @BeforeEach
  void startSimulator() throws Exception {
    startSmall();
    token = client.token();
  }

  @Test
  void listsPreSignedUrlsWithSizeAndExpiry() {
    JsonNode page = list("pageSize=5");

    assertThat(page.path("value")).hasSize(5);
    assertThat(page.path("isCaughtUp").asBoolean()).isFalse();
    JsonNode file = page.path("value").get(0);
    assertThat(file.path("url").asText())
        .startsWith(simulator.baseUrl() + "/")
        .contains("X-Amz-Signature=");
    assertThat(file.path("expiry").asText()).isEqualTo("2024-11-13T12:22:30.000Z");

    HttpResponse<byte[]> download = client.get(file.path("url").asText());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).hasSize(file.path("size").asInt());
    assertThat(download.headers().firstValue("content-encoding")).isEmpty();
  }

  @Test
  void filesAreGzipNdjsonWithApi2Fields() {
    List<String> lines =
        Harvest.batchLines(client, list("pageSize=1").path("value").get(0).path("url").asText());

    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode event = Harvest.parse(line);
      assertThat(event.path("timestamp").isNumber()).isTrue();
      assertThat(event.path("type").asText()).isEqualTo("receipt");
      assertThat(event.has("subtype")).isTrue();
      assertThat(event.path("accountId").asText()).startsWith("C");
      if (event.path("action").asText().equals("Acc")) {
        assertThat(event.path("numberAttachments").isTextual())
            .as("numbers are strings in 2.0")
            .isTrue();
        assertThat(event.path("spamProcessingDetail").isTextual()).as("JSON in a string").isTrue();
      }
    }
  }

  @Test
  void pagesToTheEndWithANextPageOnEveryPage() {
    List<String> urls = new ArrayList<>();
    String next = null;
    JsonNode page;
    do {
      page = list("pageSize=50" + (next == null ? "" : "&nextPage=" + SimClient.enc(next)));
      assertThat(page.path("@nextPage").asText()).isNotBlank();
      page.path("value").forEach(v -> urls.add(v.path("url").asText()));
      next = page.path("@nextPage").asText();
    } while (!page.path("isCaughtUp").asBoolean());

    JsonNode after = list("pageSize=50&nextPage=" + SimClient.enc(next));
    assertThat(after.path("value")).isEmpty();
    assertThat(after.path("isCaughtUp").asBoolean()).isTrue();
    assertThat(after.path("@nextPage").asText()).isNotBlank();
    assertThat(urls).doesNotHaveDuplicates().hasSizeGreaterThan(100);

    clock.advance(Duration.ofMinutes(15));
    JsonNode fresh =
        list("pageSize=50&nextPage=" + SimClient.enc(after.path("@nextPage").asText()));
    assertThat(fresh.path("value")).as("files published since are listed").isNotEmpty();
  }

  @Test
  void filtersByTypeListAndDateRange() {
    Set<String> types = Set.of("receipt", "url protect");
    String day = LocalDate.ofInstant(T0, ZoneOffset.UTC).toString();
    List<String> urls =
        Harvest.batchUrls(
            client,
            token,
            "pageSize=100&type=receipt,url+protect&dateRangeStartsAt="
                + day
                + "&dateRangeEndsAt="
                + day);

    assertThat(urls).isNotEmpty();
    Instant dayStart = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (String url : urls) {
      for (String line : Harvest.batchLines(client, url)) {
        JsonNode event = Harvest.parse(line);
        assertThat(types).contains(event.path("type").asText());
        assertThat(Instant.ofEpochMilli(event.path("timestamp").asLong()))
            .isAfterOrEqualTo(dayStart)
            .isBefore(dayStart.plus(Duration.ofDays(1)));
      }
    }
  }

  @Test
  void someEventsAppearInTwoFiles() {
    Map<String, Integer> fileCountPerEvent = new HashMap<>();
    for (String url : Harvest.batchUrls(client, token, "pageSize=100")) {
      for (String line : Set.copyOf(Harvest.batchLines(client, url))) {
        fileCountPerEvent.merge(line, 1, Integer::sum);
      }
    }
    assertThat(fileCountPerEvent.values()).contains(2);
  }

  @Test
  void downloadUrlsExpire() {
    String url = list("pageSize=1").path("value").get(0).path("url").asText();
    assertThat(client.get(url).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(16));
    HttpResponse<byte[]> expired = client.get(url);
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(SimClient.text(expired)).contains("Request has expired");
  }

  @Test
  void tamperedUrlsAreRefused() {
    String url = list("pageSize=1").path("value").get(0).path("url").asText();
    HttpResponse<byte[]> response = client.get(url.replace("/receipt/", "/process/"));
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void rejectsUnknownTypesAndBadCursors() {
    assertThat(client.api2Get(token, "/siem/v1/batch/events/cg?type=receipt,bogus").statusCode())
        .isEqualTo(400);
    assertThat(client.api2Get(token, "/siem/v1/batch/events/cg?nextPage=abc.def").statusCode())
        .isEqualTo(400);
  }

  private JsonNode list(String query) {
    HttpResponse<byte[]> response = client.api2Get(token, "/siem/v1/batch/events/cg?" + query);
    assertThat(response.statusCode()).isEqualTo(200);
    return SimClient.json(response);
  }
}
