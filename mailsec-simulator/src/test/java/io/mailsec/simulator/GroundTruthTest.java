package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paging through every endpoint yields exactly the ground-truth key set after de-duplication, and
 * the ground truth lists each key once. Keys are derived from the records as served, following the
 * rule in docs/simulator.md.
 */
class GroundTruthTest extends SimulatorTestBase {

  @BeforeEach
  void startSimulator() throws Exception {
    startSmall();
  }

  @Test
  void groundTruthListsEveryKeyOnce() {
    for (String type :
        List.of(
            "siem", "ttp-url", "ttp-attachment", "ttp-impersonation", "threat-intel", "audit")) {
      List<String> keys = Keys.groundTruth(client.groundTruth(type));
      assertThat(keys).as(type).isNotEmpty().doesNotHaveDuplicates();
    }
  }

  @Test
  void siemFilesOfApi1CarryExactlyTheGroundTruth() {
    Set<String> truth = new HashSet<>(Keys.groundTruth(client.groundTruth("siem")));

    for (String format : List.of("json", "key_value")) {
      Set<String> served = new HashSet<>();
      for (Harvest.SiemFile file : Harvest.siemLogs(client, format, false)) {
        String type = Keys.v1Type(file.name());
        file.records().forEach(r -> served.add(Keys.siemV1(type, r)));
      }
      assertThat(served).as(format).isEqualTo(truth);
    }
  }

  @Test
  void compressedSiemFilesCarryTheSameRecords() {
    Set<String> truth = new HashSet<>(Keys.groundTruth(client.groundTruth("siem")));
    Set<String> served = new HashSet<>();
    for (Harvest.SiemFile file : Harvest.siemLogs(client, "json", true)) {
      String type = Keys.v1Type(file.name());
      file.records().forEach(r -> served.add(Keys.siemV1(type, r)));
    }
    assertThat(served).isEqualTo(truth);
  }

  @Test
  void siemBatchFilesCarryExactlyTheGroundTruth() {
    Set<String> truth = new HashSet<>(Keys.groundTruth(client.groundTruth("siem")));
    String token = client.token();

    Set<String> served = new HashSet<>();
    for (String url : Harvest.batchUrls(client, token, "pageSize=40")) {
      Harvest.batchLines(client, url).forEach(line -> served.add(Keys.siemV2(Harvest.parse(line))));
    }
    assertThat(served).isEqualTo(truth);
  }

  @Test
  void theStreamCarriesTheGroundTruthOfTheLast24Hours() {
    String from = clock.instant().minus(Duration.ofHours(24)).toString();
    Set<String> truth =
        new HashSet<>(
            Keys.groundTruth(
                SimClient.json(
                    client.admin("GET", "/__sim/ground-truth?type=siem&from=" + from, null))));
    String token = client.token();

    Set<String> served = new HashSet<>();
    List<Boolean> overlaps = new ArrayList<>();
    for (JsonNode event :
        Harvest.stream(client, token, "pageSize=200&dateRangeStartsAt=" + from, overlaps)) {
      served.add(Keys.siemV2(event));
    }
    assertThat(served).isEqualTo(truth);
  }

  @Test
  void ttpLogsCarryExactlyTheGroundTruth() {
    String item =
        "{\"from\":\"" + clock.instant().minus(Duration.ofDays(2)) + "\",\"oldestFirst\":true}";

    Set<String> clicks = new HashSet<>();
    Harvest.ttpPages(client, "/api/ttp/url/get-logs", "clickLogs", item, 50)
        .forEach(p -> p.records().forEach(r -> clicks.add(Keys.click(r))));
    assertThat(clicks).isEqualTo(new HashSet<>(Keys.groundTruth(client.groundTruth("ttp-url"))));

    Set<String> scans = new HashSet<>();
    Harvest.ttpPages(client, "/api/ttp/attachment/get-logs", "attachmentLogs", item, 50)
        .forEach(p -> p.records().forEach(r -> scans.add(Keys.attachment(r))));
    assertThat(scans)
        .isEqualTo(new HashSet<>(Keys.groundTruth(client.groundTruth("ttp-attachment"))));

    Set<String> impersonations = new HashSet<>();
    Harvest.ttpPages(client, "/api/ttp/impersonation/get-logs", "impersonationLogs", item, 10)
        .forEach(p -> p.records().forEach(r -> impersonations.add(Keys.impersonation(r))));
    assertThat(impersonations)
        .isEqualTo(new HashSet<>(Keys.groundTruth(client.groundTruth("ttp-impersonation"))));
  }

  @Test
  void threatFeedsCarryExactlyTheGroundTruthInCsvAndStix() {
    Set<String> truth = new HashSet<>(Keys.groundTruth(client.groundTruth("threat-intel")));

    Set<String> fromCsv = new HashSet<>();
    Set<String> fromStix = new HashSet<>();
    Pattern sha = Pattern.compile("'SHA-256' = '([0-9a-f]{64})'");
    for (String feed : List.of("malware_customer", "malware_grid")) {
      for (Harvest.FeedFile file : Harvest.feed(client, feed, "csv", false)) {
        String[] lines = new String(file.content(), StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
          String[] columns = lines[i].split("\\|");
          fromCsv.add(Keys.indicator(feed, columns[6], Keys.epochSecond(columns[0])));
        }
      }
      for (Harvest.FeedFile file : Harvest.feed(client, feed, "stix", false)) {
        for (JsonNode object :
            Harvest.parse(new String(file.content(), StandardCharsets.UTF_8)).path("objects")) {
          if (object.path("type").asText().equals("indicator")) {
            Matcher m = sha.matcher(object.path("pattern").asText());
            assertThat(m.find()).isTrue();
            fromStix.add(
                Keys.indicator(
                    feed, m.group(1), Keys.epochSecond(object.path("valid_from").asText())));
          }
        }
      }
    }
    assertThat(fromCsv).isEqualTo(truth);
    assertThat(fromStix).isEqualTo(truth);
  }

  @Test
  void auditEventsCarryExactlyTheGroundTruth() {
    String item =
        "{\"startDateTime\":\""
            + clock.instant().minus(Duration.ofDays(61))
            + "\",\"endDateTime\":\""
            + clock.instant()
            + "\"}";
    Set<String> served = new HashSet<>();
    Harvest.audit(client, item, 500).forEach(e -> served.add(Keys.audit(e)));

    assertThat(served).isEqualTo(new HashSet<>(Keys.groundTruth(client.groundTruth("audit"))));
  }
}
