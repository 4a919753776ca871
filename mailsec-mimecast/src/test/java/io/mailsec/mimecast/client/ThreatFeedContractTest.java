package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The threat-intel feed (csv/stix, zipped or not, 1.0 and 2.0) against the simulator. */
class ThreatFeedContractTest {
  private static final Pattern SHA256 = Pattern.compile("'SHA-256' = '([0-9a-fA-F]{64})'");
  private SimulatorHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = SimulatorHarness.start();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** Follows the feed tokens to the end; returns every record of every file. */
  private static List<RawRecord> readFeed(MimecastClient client, ThreatFeedQuery first) {
    List<RawRecord> records = new ArrayList<>();
    ThreatFeedQuery query = first;
    for (int files = 0; files < 1_000; files++) {
      try (ThreatFeedFile file = client.threatFeed().fetch(query)) {
        file.records().forEachRemaining(records::add);
        if (file.endOfFeed()) {
          return records;
        }
        query = query.withToken(file.nextToken());
      }
    }
    throw new AssertionError("feed did not end");
  }

  private static String csvSha256(RawRecord record) {
    List<String> header = Arrays.asList(record.header().split("\\|"));
    String[] values = record.text().split("\\|");
    return values[header.indexOf("SHA256")];
  }

  private static List<String> stixSha256(List<RawRecord> records) {
    List<String> hashes = new ArrayList<>();
    for (RawRecord record : records) {
      JsonNode object = RecordKeys.json(record);
      if (object.path("type").asText().equals("indicator")) {
        Matcher matcher = SHA256.matcher(object.path("pattern").asText());
        if (matcher.find()) {
          hashes.add(matcher.group(1));
        }
      }
    }
    return hashes;
  }

  @ParameterizedTest(name = "{0} {1} compress={2} api2={3}")
  @CsvSource({
    "MALWARE_CUSTOMER, CSV, false, false",
    "MALWARE_CUSTOMER, CSV, true, true",
    "MALWARE_GRID, CSV, true, false",
    "MALWARE_GRID, STIX, false, true",
    "MALWARE_CUSTOMER, STIX, true, false",
    "MALWARE_CUSTOMER, STIX, false, true"
  })
  void readsTheWholeFeedAndMatchesTheGroundTruth(
      ThreatFeedType type, ThreatFeedFormat format, boolean compress, boolean api2) {
    List<String> truth =
        RecordKeys.truth(harness.groundTruth("threat-intel"), "feedType", "sha256").stream()
            .filter(key -> key.startsWith(type.wireName() + "|"))
            .map(key -> key.substring(key.indexOf('|') + 1))
            .toList();
    Instant end = SimulatorHarness.START;

    List<RawRecord> records =
        readFeed(
            harness.client(api2),
            ThreatFeedQuery.between(type, format, end.minus(Duration.ofDays(7)), end)
                .withCompress(compress));

    assertThat(truth).isNotEmpty();
    List<String> hashes;
    if (format == ThreatFeedFormat.CSV) {
      assertThat(records).allSatisfy(r -> assertThat(r.format()).isEqualTo(RecordFormat.CSV));
      hashes = records.stream().map(ThreatFeedContractTest::csvSha256).toList();
    } else {
      hashes = stixSha256(records);
    }
    // The feed repeats indicators (normal for Mimecast), so hashes are compared as sets.
    assertThat(hashes).hasSizeGreaterThanOrEqualTo(truth.size());
    assertThat(new HashSet<>(hashes)).isEqualTo(new HashSet<>(truth));
  }

  @Test
  void anEmptyWindowIsNoResultsNotAnError() {
    Instant start = SimulatorHarness.START.plus(Duration.ofDays(1));

    try (ThreatFeedFile file =
        harness
            .api1()
            .threatFeed()
            .fetch(
                ThreatFeedQuery.between(
                    ThreatFeedType.MALWARE_CUSTOMER,
                    ThreatFeedFormat.CSV,
                    start,
                    start.plusSeconds(60)))) {
      assertThat(file.noResults()).isTrue();
      assertThat(file.endOfFeed()).isTrue();
      assertThat(file.records().hasNext()).isFalse();
    }
  }
}
