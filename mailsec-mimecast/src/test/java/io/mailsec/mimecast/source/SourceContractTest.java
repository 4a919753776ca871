package io.mailsec.mimecast.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.StreamId;
import io.mailsec.mimecast.client.BindingExpiredException;
import io.mailsec.mimecast.client.MimecastClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every Mimecast source must do, run against the real simulator over loopback: poll from an
 * empty checkpoint to caught up, deliver the simulator's ground truth (deduplicated by content, as
 * the store's upsert does) with nothing missing, survive a crash after any batch, keep no secret in
 * a checkpoint, ride out transient faults, and pick up new data when time moves on.
 */
abstract class SourceContractTest {
  SimHarness sim;
  MimecastClient client;

  /** The data type id under test, e.g. {@code siem}. */
  abstract String dataType();

  /** Which API version the client uses. */
  abstract boolean api2();

  /** The path prefix of the source's API calls, for faults. */
  abstract String apiPath();

  int maxRecordsPerBatch() {
    return 150;
  }

  Duration lookBack() {
    return Duration.ofDays(2);
  }

  /** The ground-truth query for what a source caught up at {@code now} must hold. */
  String groundTruthQuery(Instant now) {
    return "type=" + dataType();
  }

  /** Gaps a first run may legitimately report (audit clips its look-back). */
  void checkFirstRunGaps(List<Gap> gaps) {
    assertThat(gaps).isEmpty();
  }

  SimHarness startSimulator() {
    return SimHarness.start();
  }

  @BeforeEach
  void startSimulatorAndClient() {
    sim = startSimulator();
    client = sim.client(api2());
  }

  @AfterEach
  void stopSimulator() {
    sim.close();
  }

  SourceSettings settings() {
    return SourceSettings.of(new StreamId("contract", dataType()), lookBack())
        .withClock(sim.clock)
        .withMaxRecordsPerBatch(maxRecordsPerBatch());
  }

  Source newSource() {
    return MimecastSources.create(dataType(), client, settings());
  }

  Set<Map<String, String>> groundTruth() {
    return sim.groundTruth(groundTruthQuery(sim.now()));
  }

  Set<Map<String, String>> keys(List<SourceRecord> records) {
    Set<Map<String, String>> keys = new HashSet<>();
    for (SourceRecord record : records) {
      RecordKeys.of(dataType(), api2(), record).ifPresent(keys::add);
    }
    return keys;
  }

  List<SourceRecord> unparseable(List<SourceRecord> records) {
    return records.stream().filter(r -> RecordKeys.of(dataType(), api2(), r).isEmpty()).toList();
  }

  Polls.Run drain(Source source, Optional<Checkpoint> start) throws Exception {
    return Polls.untilCaughtUp(source, start);
  }

  @Test
  void pollingFromEmptyCatchesUpWithEveryRecordOnce() throws Exception {
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run;
    try (Source source = newSource()) {
      run = drain(source, Optional.empty());
    }

    assertThat(truth).isNotEmpty();
    assertThat(unparseable(run.records())).isEmpty();
    assertThat(keys(run.records())).isEqualTo(truth);
    checkFirstRunGaps(run.gaps());
    assertThat(run.polls())
        .as("several batches, so checkpoints inside pages are used")
        .hasSizeGreaterThan(2);
    for (Polls.Poll poll : run.polls()) {
      assertThat(poll.batch().records()).hasSizeLessThanOrEqualTo(maxRecordsPerBatch());
      long textBytes = poll.batch().records().stream().mapToLong(r -> r.text().length() + 1L).sum();
      assertThat(poll.batch().bytes()).isGreaterThanOrEqualTo(textBytes);
    }
  }

  @Test
  void aCaughtUpSourceStaysCaughtUpWhileNothingNewArrives() throws Exception {
    try (Source source = newSource()) {
      Polls.Run run = drain(source, Optional.empty());
      SourceBatch again = source.poll(Optional.of(run.last()));

      assertThat(again.caughtUp()).isTrue();
      assertThat(again.records()).isEmpty();
      assertThat(again.gaps()).isEmpty();
    }
  }

  /**
   * A crash after every batch: the batch is dropped, a fresh source (nothing cached) polls the same
   * checkpoint again, and collection continues from what the second poll returned.
   */
  @Test
  void aCrashAfterAnyBatchLosesNothing() throws Exception {
    Set<Map<String, String>> truth = groundTruth();
    Set<Map<String, String>> collected = new HashSet<>();
    Optional<Checkpoint> checkpoint = Optional.empty();
    int polls = 0;
    try (Source running = newSource()) {
      while (true) {
        assertThat(++polls).as("polls").isLessThan(Polls.MAX_POLLS);
        SourceBatch dropped = running.poll(checkpoint);
        SourceBatch replayed;
        try (Source restarted = newSource()) {
          replayed = restarted.poll(checkpoint);
        }
        assertThat(keys(replayed.records()))
            .as("a re-poll never returns fewer records")
            .containsAll(keys(dropped.records()));
        collected.addAll(keys(replayed.records()));
        if (replayed.caughtUp()) {
          break;
        }
        checkpoint = Optional.of(replayed.next());
      }
    }
    assertThat(collected).isEqualTo(truth);
  }

  /** A fresh source resumed from sampled checkpoints of a run completes what the run began. */
  @Test
  void resumingFromAnyCheckpointCompletesTheData() throws Exception {
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run;
    try (Source source = newSource()) {
      run = drain(source, Optional.empty());
    }
    int size = run.polls().size();
    for (int index : new int[] {1, size / 3, size / 2, size - 1}) {
      Set<Map<String, String>> collected = new HashSet<>();
      for (Polls.Poll poll : run.polls().subList(0, index)) {
        collected.addAll(keys(poll.batch().records()));
      }
      try (Source resumed = newSource()) {
        collected.addAll(keys(drain(resumed, run.polls().get(index).checkpoint()).records()));
      }
      assertThat(collected).as("resumed at poll %d of %d", index, size).isEqualTo(truth);
    }
  }

  @Test
  void checkpointsHoldNoSecrets() throws Exception {
    List<Checkpoint> checkpoints;
    try (Source source = newSource()) {
      checkpoints = drain(source, Optional.empty()).checkpoints();
    }
    for (Checkpoint checkpoint : checkpoints) {
      for (Map.Entry<String, String> entry : checkpoint.values().entrySet()) {
        String text = entry.getKey() + "=" + entry.getValue();
        for (String secret : sim.secretValues()) {
          assertThat(text).doesNotContain(secret);
        }
        assertThat(text).doesNotContainIgnoringCase("signature").doesNotContain("X-Amz");
      }
    }
  }

  @Test
  void transientFaultsAreRetriedAndNothingIsLost() throws Exception {
    sim.arm("rate-limit:2:" + apiPath());
    sim.arm("server-error:2:" + apiPath());
    Set<Map<String, String>> truth = groundTruth();
    Polls.Run run;
    try (Source source = newSource()) {
      run = drain(source, Optional.empty());
    }

    assertThat(sim.simulator.faults().armed()).as("the faults fired").isEmpty();
    assertThat(keys(run.records())).isEqualTo(truth);
    checkFirstRunGaps(run.gaps());
  }

  @Test
  void credentialFaultsAreRenewedOrPropagated() throws Exception {
    if (api2()) {
      sim.arm("revoke-tokens:1:" + apiPath());
      Set<Map<String, String>> truth = groundTruth();
      try (Source source = newSource()) {
        assertThat(keys(drain(source, Optional.empty()).records())).isEqualTo(truth);
      }
      assertThat(sim.simulator.faults().armed()).as("the fault fired").isEmpty();
    } else {
      sim.arm("expire-binding:1:" + apiPath());
      try (Source source = newSource()) {
        assertThatThrownBy(() -> source.poll(Optional.empty()))
            .isInstanceOf(BindingExpiredException.class)
            .satisfies(
                e ->
                    assertThat(((BindingExpiredException) e).adviceForAdmin())
                        .contains("Never Expire"));
      }
    }
  }

  @Test
  void newDataIsCollectedWhenTimeMovesOn() throws Exception {
    Set<Map<String, String>> before = groundTruth();
    Set<Map<String, String>> collected = new HashSet<>();
    try (Source source = newSource()) {
      Polls.Run first = drain(source, Optional.empty());
      collected.addAll(keys(first.records()));
      sim.advance(Duration.ofHours(2));
      Polls.Run second = drain(source, Optional.of(first.last()));
      collected.addAll(keys(second.records()));
      assertThat(second.gaps()).isEmpty();
    }
    Set<Map<String, String>> after = groundTruth();
    Set<Map<String, String>> either = new HashSet<>(before);
    either.addAll(after);

    assertThat(after).isNotEqualTo(before);
    assertThat(collected).containsAll(after);
    assertThat(either).containsAll(collected);
  }
}
