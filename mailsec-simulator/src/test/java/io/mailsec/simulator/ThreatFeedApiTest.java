package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreatFeedApiTest extends SimulatorTestBase {
  private static final String HEADER =
      "Timestamp|SenderAddress|FileName|FileMimeType|FileSize|MD5|SHA256|SendingIP";

  @BeforeEach
  void startSimulator() throws Exception {
    startSmall();
  }

  @Test
  void csvFilesArePipeDelimitedWithAHeader() {
    List<Harvest.FeedFile> files = Harvest.feed(client, "malware_grid", "csv", false);

    assertThat(files).isNotEmpty();
    assertThat(files)
        .extracting(Harvest.FeedFile::name)
        .allMatch(n -> n.matches("malware_grid_csv_\\d{17}\\.csv"));
    assertThat(files).extracting(Harvest.FeedFile::token).doesNotHaveDuplicates();
    List<String> rows = new ArrayList<>();
    for (Harvest.FeedFile file : files) {
      String[] lines = new String(file.content(), StandardCharsets.UTF_8).split("\n");
      assertThat(lines[0]).isEqualTo(HEADER);
      for (int i = 1; i < lines.length; i++) {
        assertThat(lines[i].split("\\|")).hasSize(8);
        rows.add(lines[i]);
      }
    }
    assertThat(rows)
        .as("the feed repeats some indicators")
        .hasSizeGreaterThan(new HashSet<>(rows).size());
    assertThat(rows)
        .anySatisfy(
            r -> assertThat(r).matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000\\|.*"));
    assertThat(rows)
        .anySatisfy(
            r ->
                assertThat(r).matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\|.*"));
  }

  @Test
  void stixBundlesHoldMalwareIndicatorRelationshipTriples() {
    List<Harvest.FeedFile> files = Harvest.feed(client, "malware_customer", "stix", false);

    assertThat(files).isNotEmpty();
    for (Harvest.FeedFile file : files) {
      JsonNode bundle = Harvest.parse(new String(file.content(), StandardCharsets.UTF_8));
      assertThat(bundle.path("type").asText()).isEqualTo("bundle");
      assertThat(bundle.path("spec_version").asText()).isEqualTo("2.0");
      JsonNode objects = bundle.path("objects");
      assertThat(objects.size() % 3).isZero();
      for (int i = 0; i < objects.size(); i += 3) {
        JsonNode malware = objects.get(i);
        JsonNode indicator = objects.get(i + 1);
        JsonNode relationship = objects.get(i + 2);
        assertThat(malware.path("type").asText()).isEqualTo("malware");
        assertThat(indicator.path("pattern").asText()).startsWith("[file:hashes.'SHA-256' = '");
        assertThat(indicator.path("valid_from").asText())
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(relationship.path("source_ref").asText())
            .isEqualTo(indicator.path("id").asText());
        assertThat(relationship.path("target_ref").asText()).isEqualTo(malware.path("id").asText());
      }
    }
  }

  @Test
  void compressedFeedsAreZipsOfSeveralFiles() {
    List<Harvest.FeedFile> zips = Harvest.feed(client, "malware_grid", "csv", true);
    List<Harvest.FeedFile> plain = Harvest.feed(client, "malware_grid", "csv", false);

    assertThat(zips).extracting(Harvest.FeedFile::name).allMatch(n -> n.endsWith(".zip"));
    Set<String> unzipped = new HashSet<>();
    int entries = 0;
    for (Harvest.FeedFile zip : zips) {
      for (Harvest.SiemFile entry : Harvest.unzip(zip.content(), "raw")) {
        entries++;
        unzipped.add(entry.name());
      }
    }
    assertThat(entries).isEqualTo(plain.size()).isGreaterThan(zips.size());
    assertThat(unzipped)
        .containsExactlyInAnyOrderElementsOf(plain.stream().map(Harvest.FeedFile::name).toList());
  }

  @Test
  void aMissingFeedTypeIsAValidationError() {
    JsonNode body =
        client.api1Json("/api/ttp/threat-intel/get-feed", "{\"data\":[{\"fileType\":\"csv\"}]}");
    assertThat(body.path("fail").get(0).path("errors").get(0).path("field").asText())
        .isEqualTo("feedType");
  }
}
