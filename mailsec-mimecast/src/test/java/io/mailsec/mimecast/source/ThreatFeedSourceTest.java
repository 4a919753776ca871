package io.mailsec.mimecast.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThreatFeedSourceTest extends SourceContractTest {
  @Override
  String dataType() {
    return "threat-intel";
  }

  @Override
  boolean api2() {
    return true;
  }

  @Override
  String apiPath() {
    return "/api/ttp/threat-intel/get-feed";
  }

  /** Smaller than a day's zip of feed files, so files are delivered in slices. */
  @Override
  int maxRecordsPerBatch() {
    return 15;
  }

  @Test
  void rowsCarryTheirFeedTypeAndTheCsvHeader() throws Exception {
    Set<String> feeds = new HashSet<>();
    try (Source source = newSource()) {
      List<SourceRecord> records = drain(source, Optional.empty()).records();
      for (SourceRecord record : records) {
        feeds.add(record.hints().get(SourceHints.FEED_TYPE));
        assertThat(record.hints().get(SourceHints.CSV_HEADER)).startsWith("Timestamp|");
        assertThat(record.text()).doesNotStartWith("Timestamp|");
        assertThat(record.origin()).startsWith(record.hints().get(SourceHints.FEED_TYPE) + "_csv_");
      }
    }
    assertThat(feeds).containsExactlyInAnyOrder("malware_customer", "malware_grid");
  }

  @Test
  void eachFeedTypeHasItsOwnCursor() throws Exception {
    try (Source source = newSource()) {
      Checkpoint caughtUp = drain(source, Optional.empty()).last();

      assertThat(caughtUp.get("malware_customer.token")).isNotBlank();
      assertThat(caughtUp.get("malware_grid.token")).isNotBlank();
      assertThat(caughtUp.get("malware_customer.token"))
          .isNotEqualTo(caughtUp.get("malware_grid.token"));
      assertThat(caughtUp.values().keySet()).noneMatch(k -> k.endsWith(".done"));
    }
  }

  @Test
  void onlyTheConfiguredFeedTypesAreCollected() throws Exception {
    SourceSettings gridOnly = settings().withFeedTypes(Set.of("malware_grid"));
    try (Source source = MimecastSources.create(dataType(), client, gridOnly)) {
      Polls.Run run = drain(source, Optional.empty());

      assertThat(keys(run.records()))
          .isEqualTo(sim.groundTruth("type=threat-intel&feedType=malware_grid"));
      assertThat(run.last().values().keySet()).allMatch(k -> k.startsWith("malware_grid."));
    }
  }

  @Test
  void aTokenOlderThanTheRetentionRestartsTheFeedWithAGap() throws Exception {
    try (Source source = newSource()) {
      Checkpoint caughtUp = drain(source, Optional.empty()).last();
      sim.advance(Duration.ofDays(8));
      Instant now = sim.now();
      SourceBatch restart = source.poll(Optional.of(caughtUp));

      assertThat(restart.gaps())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.from()).isEqualTo(SimHarness.T0);
                assertThat(gap.to())
                    .isEqualTo(now.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(10)));
                assertThat(gap.reason()).contains("malware_customer");
              });
      Polls.Run rest = drain(source, Optional.of(restart.next()));
      assertThat(rest.gaps())
          .singleElement()
          .satisfies(gap -> assertThat(gap.reason()).contains("malware_grid"));
      assertThat(keys(rest.records())).containsAll(groundTruth());
    }
  }
}
