package io.mailsec.mimecast.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import io.mailsec.mimecast.client.RecordStream;
import io.mailsec.mimecast.client.SiemBatchFile;
import io.mailsec.mimecast.client.SiemBatchQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SiemBatchSourceTest extends SourceContractTest {
  @Override
  String dataType() {
    return "siem";
  }

  @Override
  boolean api2() {
    return true;
  }

  @Override
  String apiPath() {
    return "/siem/v1/batch/events/cg";
  }

  /** Short enough that the timeout fault costs little, longer than the slow fault's 2 s. */
  @Override
  SimHarness startSimulator() {
    return SimHarness.start(UnaryOperator.identity(), Duration.ofSeconds(3));
  }

  /** A batch file of the first listing page with at least six events, and their keys. */
  private record KnownFile(String path, Set<Map<String, String>> keys) {}

  private KnownFile fileWithSeveralEvents() {
    for (SiemBatchFile file :
        client.siemBatch().list(new SiemBatchQuery(List.of(), null, null, 100, null)).files()) {
      Set<Map<String, String>> keys = new HashSet<>();
      try (RecordStream records = client.siemBatch().download(file)) {
        records.forEachRemaining(
            raw ->
                RecordKeys.of("siem", true, SourceRecord.of(raw.text(), "")).ifPresent(keys::add));
      }
      if (keys.size() >= 6) {
        return new KnownFile(file.url().getPath(), keys);
      }
    }
    throw new AssertionError("no batch file with six events on the first page");
  }

  private Polls.Run drainFromEmpty() throws Exception {
    try (Source source = newSource()) {
      return drain(source, Optional.empty());
    }
  }

  @Test
  void aTruncatedDownloadIsFetchedAgainSkippingTheDeliveredLines() throws Exception {
    sim.arm("truncated-gzip:2:/downloads/");
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run = drainFromEmpty();

    assertThat(sim.simulator.faults().armed()).isEmpty();
    assertThat(run.gaps()).isEmpty();
    assertThat(keys(run.records())).isEqualTo(truth);
  }

  @Test
  void aFileThatStaysTruncatedBecomesAFileGapAndTheStreamMovesOn() throws Exception {
    KnownFile broken = fileWithSeveralEvents();
    sim.arm("truncated-gzip:-1:" + broken.path());
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run = drainFromEmpty();
    Set<Map<String, String>> collected = keys(run.records());

    assertThat(run.gaps()).hasSize(1);
    Gap gap = run.gaps().get(0);
    assertThat(gap.file()).isEqualTo(broken.path());
    assertThat(gap.from()).isNull();
    assertThat(gap.reason()).contains("truncated_payload").contains("3 attempts");
    Set<Map<String, String>> missing = new HashSet<>(truth);
    missing.removeAll(collected);
    assertThat(missing).isNotEmpty();
    assertThat(broken.keys()).as("only the broken file's events are missing").containsAll(missing);
    assertThat(truth).containsAll(collected);
    assertThat(collected)
        .as("the lines before the cut are kept")
        .containsAnyElementsOf(broken.keys());
  }

  @Test
  void anExpiredLinkIsRenewedByListingTheSamePageAgain() throws Exception {
    sim.arm("expired-urls:2:/downloads/");
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run = drainFromEmpty();

    assertThat(sim.simulator.faults().armed()).isEmpty();
    assertThat(run.gaps()).isEmpty();
    assertThat(keys(run.records())).isEqualTo(truth);
  }

  @Test
  void aLinkThatStaysExpiredBecomesAFileGap() throws Exception {
    KnownFile gone = fileWithSeveralEvents();
    sim.arm("expired-urls:-1:" + gone.path());
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run = drainFromEmpty();
    Set<Map<String, String>> missing = new HashSet<>(truth);
    missing.removeAll(keys(run.records()));

    assertThat(run.gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.file()).isEqualTo(gone.path());
              assertThat(gap.reason()).contains("download_url_expired");
            });
    assertThat(missing).isNotEmpty();
    assertThat(gone.keys()).containsAll(missing);
  }

  @Test
  void linksThatExpireWhileTheStreamWaitsAreRenewed() throws Exception {
    Set<Map<String, String>> collected = new HashSet<>();
    try (Source source = newSource()) {
      SourceBatch first = source.poll(Optional.empty());
      collected.addAll(keys(first.records()));
      assertThat(first.caughtUp()).isFalse();
      sim.advance(Duration.ofMinutes(20));
      Polls.Run rest = drain(source, Optional.of(first.next()));
      collected.addAll(keys(rest.records()));
      assertThat(rest.gaps()).isEmpty();
    }
    assertThat(collected).containsAll(groundTruth());
  }

  @Test
  void aMalformedLineIsDeliveredAsARecordForQuarantine() throws Exception {
    sim.arm("malformed-line:1:/downloads/");
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run = drainFromEmpty();
    Set<Map<String, String>> collected = keys(run.records());

    assertThat(sim.simulator.faults().armed()).isEmpty();
    assertThat(run.gaps()).isEmpty();
    assertThat(unparseable(run.records())).hasSize(1);
    assertThat(truth).containsAll(collected);
    assertThat(truth.size() - collected.size()).isLessThanOrEqualTo(1);
  }

  @Test
  void slowAndUnansweredCallsAreRetried() throws Exception {
    sim.arm("slow:1:/siem/v1/");
    sim.arm("timeout:1:/siem/v1/");
    sim.arm("slow:1:/downloads/");
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run = drainFromEmpty();

    assertThat(sim.simulator.faults().armed()).isEmpty();
    assertThat(keys(run.records())).isEqualTo(truth);
  }

  @Test
  void aCursorOlderThanTheRetentionRestartsAtTheOldestDayWithAGap() throws Exception {
    try (Source source = newSource()) {
      Checkpoint caughtUp = drain(source, Optional.empty()).last();
      sim.advance(Duration.ofDays(8));
      Instant now = sim.now();
      SourceBatch restart = source.poll(Optional.of(caughtUp));

      assertThat(restart.records()).isEmpty();
      assertThat(restart.gaps())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.from()).isEqualTo(SimHarness.T0);
                assertThat(gap.to()).isEqualTo(now.minus(Duration.ofDays(7)));
                assertThat(gap.reason()).contains("7-day retention");
              });
      assertThat(restart.next().get(SiemBatchSource.PAGE_TOKEN)).isNull();
      Polls.Run rest = drain(source, Optional.of(restart.next()));
      assertThat(keys(rest.records())).isEqualTo(groundTruth());
    }
  }

  @Test
  void anEmptyPageThatIsNotCaughtUpMovesOnWithoutWaiting() throws Exception {
    try (ScriptedMimecast mimecast = new ScriptedMimecast("/siem/v1/batch/events/cg")) {
      mimecast.then("{\"value\":[],\"@nextPage\":\"B\",\"isCaughtUp\":false}");
      SourceBatch batch =
          scriptedSource(mimecast).poll(Optional.of(Checkpoint.of("pageToken", "A")));

      assertThat(batch.caughtUp()).as("more is coming: poll again at once").isFalse();
      assertThat(batch.next().get(SiemBatchSource.PAGE_TOKEN)).isEqualTo("B");
      assertThat(mimecast.requests).singleElement().asString().contains("nextPage=A");
    }
  }

  @Test
  void anEmptyPageThatDoesNotMoveTheCursorMeansComeBackLater() throws Exception {
    try (ScriptedMimecast mimecast = new ScriptedMimecast("/siem/v1/batch/events/cg")) {
      mimecast.then("{\"value\":[],\"@nextPage\":\"A\",\"isCaughtUp\":false}");
      SourceBatch batch =
          scriptedSource(mimecast).poll(Optional.of(Checkpoint.of("pageToken", "A")));

      assertThat(batch.caughtUp()).isTrue();
      assertThat(batch.next().get(SiemBatchSource.PAGE_TOKEN)).isEqualTo("A");
      assertThat(batch.gaps()).isEmpty();
    }
  }

  @Test
  void aCaughtUpEmptyPageKeepsTheReturnedCursor() throws Exception {
    try (ScriptedMimecast mimecast = new ScriptedMimecast("/siem/v1/batch/events/cg")) {
      mimecast.then("{\"value\":[],\"@nextPage\":\"C\",\"isCaughtUp\":true}");
      mimecast.then("{\"value\":[],\"@nextPage\":\"D\",\"isCaughtUp\":true}");
      Source source = scriptedSource(mimecast);
      SourceBatch batch = source.poll(Optional.of(Checkpoint.of("pageToken", "A")));
      SourceBatch later = source.poll(Optional.of(batch.next()));

      assertThat(batch.caughtUp()).isTrue();
      assertThat(batch.next().get(SiemBatchSource.PAGE_TOKEN)).isEqualTo("C");
      assertThat(mimecast.requests.get(1)).contains("nextPage=C");
      assertThat(later.next().get(SiemBatchSource.PAGE_TOKEN)).isEqualTo("D");
    }
  }

  private Source scriptedSource(ScriptedMimecast mimecast) {
    return MimecastSources.create("siem", mimecast.client(), settings());
  }
}
