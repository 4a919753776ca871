package io.mailsec.mimecast.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiemFileSourceTest extends SourceContractTest {
  private static final Set<String> FILE_TYPES =
      Set.of(
          "receipt",
          "process",
          "delivery",
          "jrnl",
          "av",
          "spameventthread",
          "iep",
          "impersonation",
          "ttp_url",
          "ttp_ap");

  @Override
  String dataType() {
    return "siem";
  }

  @Override
  boolean api2() {
    return false;
  }

  @Override
  String apiPath() {
    return "/api/audit/get-siem-logs";
  }

  /** Smaller than most files, so files are delivered in slices. */
  @Override
  int maxRecordsPerBatch() {
    return 8;
  }

  @Test
  void largeFilesAreDeliveredInSlicesWithCheckpointsInsideThem() throws Exception {
    try (Source source = newSource()) {
      Polls.Run run = drain(source, Optional.empty());
      assertThat(run.checkpoints())
          .anySatisfy(
              c -> {
                assertThat(c.get(SiemFileSource.LINE)).isNotNull();
                assertThat(c.get(SiemFileSource.FILE_NAME)).endsWith(".zip");
              });
    }
  }

  @Test
  void everyRecordCarriesTheLogTypeOfItsFile() throws Exception {
    Set<String> seen = new HashSet<>();
    try (Source source = newSource()) {
      for (SourceRecord record : drain(source, Optional.empty()).records()) {
        String type = record.hints().get(SourceHints.SIEM_FILE_TYPE);
        assertThat(type).isIn(FILE_TYPES);
        assertThat(record.origin()).startsWith(type + "_").contains(".json#");
        seen.add(type);
      }
    }
    assertThat(seen).hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void theLogTypeComesFromTheFileNamePrefix() {
    assertThat(SiemFileSource.fileTypeOf("receipt_20211018093329655.json")).isEqualTo("receipt");
    assertThat(SiemFileSource.fileTypeOf("ttp_url_20211129153015541.log")).isEqualTo("ttp_url");
    assertThat(SiemFileSource.fileTypeOf("TTP_AP_20211129153015541.json")).isEqualTo("ttp_ap");
    assertThat(SiemFileSource.fileTypeOf("spameventthread_20211129153015541.json"))
        .isEqualTo("spameventthread");
    assertThat(SiemFileSource.fileTypeOf("siem-file")).isNull();
    assertThat(SiemFileSource.fileTypeOf("receipt.json")).isNull();
  }

  /**
   * A 1.0 JSON file is one line, so the client cannot resynchronise after a broken record: the rest
   * of the line comes as one unparseable record. Nothing is lost; it all goes to quarantine
   * verbatim.
   */
  @Test
  void aMalformedRecordIsDeliveredVerbatimForQuarantine() throws Exception {
    sim.arm("malformed-line:1:" + apiPath());
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run;
    try (Source source = newSource()) {
      run = drain(source, Optional.empty());
    }
    Set<Map<String, String>> missing = new HashSet<>(truth);
    missing.removeAll(keys(run.records()));

    assertThat(sim.simulator.faults().armed()).isEmpty();
    assertThat(run.gaps()).isEmpty();
    assertThat(truth).containsAll(keys(run.records()));
    assertThat(missing).isNotEmpty();
    SourceRecord broken = unparseable(run.records()).get(0);
    assertThat(unparseable(run.records())).hasSize(1);
    assertThat(broken.hints()).containsKey(SourceHints.SIEM_FILE_TYPE);
    for (Map<String, String> key : missing) {
      assertThat(broken.text()).contains(key.get("aggregateId"));
    }
  }

  @Test
  void theCaughtUpReplyKeepsItsToken() throws Exception {
    try (Source source = newSource()) {
      Checkpoint caughtUp = drain(source, Optional.empty()).last();
      SourceBatch again = source.poll(Optional.of(caughtUp));

      assertThat(caughtUp.get(SiemFileSource.TOKEN)).isNotBlank();
      assertThat(again.caughtUp()).isTrue();
      assertThat(again.next().get(SiemFileSource.TOKEN))
          .isEqualTo(caughtUp.get(SiemFileSource.TOKEN));
    }
  }

  @Test
  void aTokenOlderThanTheRetentionRestartsAtTheOldestFileWithAGap() throws Exception {
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
                assertThat(gap.to()).isEqualTo(now.minus(Duration.ofDays(7)));
              });
      assertThat(restart.next().get(SiemFileSource.TOKEN)).isNull();
      Polls.Run rest = drain(source, Optional.of(restart.next()));
      assertThat(keys(rest.records())).isEqualTo(groundTruth());
    }
  }
}
