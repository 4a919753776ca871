package io.mailsec.server.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.StreamId;
import io.mailsec.normalize.DataType;
import io.mailsec.normalize.MimecastNormalizer;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's own logic (normalize, commit with the checkpoint, health) with the real normalizer
 * and the real Lucene store; the source is a scripted sequence of batches.
 */
class StreamRunnerTest {
  static final StreamId STREAM = new StreamId("acme", "siem");
  static final Instant NOW = Instant.parse("2024-11-13T12:05:00Z");

  @TempDir Path dir;
  LuceneEventStore store;
  ScriptedSource source;
  StreamRunner runner;

  @BeforeEach
  void open() {
    store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir));
    source = new ScriptedSource();
    runner =
        new StreamRunner(
            STREAM,
            source,
            store,
            new MimecastNormalizer(),
            NormalizationContext.builder("t1", "acme", DataType.SIEM).ingestTime(NOW).build(),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  static String receipt(String aggregateId, long timestamp) {
    return "{\"accountId\":\"C1\",\"aggregateId\":\""
        + aggregateId
        + "\",\"timestamp\":"
        + timestamp
        + ",\"type\":\"receipt\",\"action\":\"Acc\",\"senderEnvelope\":\"a@ext.example\","
        + "\"recipients\":\"b@acme.example\",\"direction\":\"Inbound\",\"subject\":\"hello\"}";
  }

  static SourceBatch batch(String cursor, boolean caughtUp, List<Gap> gaps, String... records) {
    List<SourceRecord> list = new ArrayList<>();
    for (String r : records) {
      list.add(SourceRecord.of(r, "page-" + cursor));
    }
    return new SourceBatch(list, Checkpoint.of("cursor", cursor), gaps, caughtUp, 100);
  }

  @Test
  void commitsEventsWithTheCheckpointAndResumesFromIt() throws Exception {
    source.then(batch("1", false, List.of(), receipt("m1", 1731499059314L)));
    source.then(batch("2", true, List.of(), receipt("m2", 1731499060000L)));

    RunTotals totals = runner.runUntilCaughtUp(o -> {}, () -> false);

    assertThat(totals.events()).isEqualTo(2);
    assertThat(totals.batches()).isEqualTo(2);
    assertThat(source.seen)
        .containsExactly(Optional.empty(), Optional.of(Checkpoint.of("cursor", "1")));
    assertThat(store.checkpoint(STREAM)).contains(Checkpoint.of("cursor", "2"));
    assertThat(store.count(EventQuery.all())).isEqualTo(2);
    StreamHealth health = runner.health();
    assertThat(health.state()).isEqualTo(StreamState.CONNECTED);
    assertThat(health.caughtUp()).isTrue();
    assertThat(health.newestEvent()).isEqualTo(Instant.ofEpochMilli(1731499060000L));
  }

  @Test
  void redeliveredRecordsDoNotDuplicate() throws Exception {
    source.then(batch("1", false, List.of(), receipt("m1", 1731499059314L)));
    source.then(batch("1", true, List.of(), receipt("m1", 1731499059314L)));

    runner.runUntilCaughtUp(o -> {}, () -> false);

    assertThat(store.count(EventQuery.all())).isEqualTo(1);
  }

  @Test
  void aFailedPollStoresNothingAndTheStreamRetriesFromTheSameCheckpoint() throws Exception {
    source.then(batch("1", false, List.of(), receipt("m1", 1731499059314L)));
    source.fail(new IllegalStateException("Mimecast says: set the Authentication Cache TTL"));
    source.then(batch("2", true, List.of(), receipt("m2", 1731499060000L)));

    runner.step();
    assertThatThrownBy(runner::step).hasMessageContaining("Authentication Cache TTL");
    StreamHealth failed = runner.health();
    assertThat(failed.state()).isEqualTo(StreamState.ERROR);
    assertThat(failed.reason()).contains("Authentication Cache TTL");
    assertThat(store.checkpoint(STREAM)).contains(Checkpoint.of("cursor", "1"));

    runner.step();
    assertThat(source.seen.get(2)).contains(Checkpoint.of("cursor", "1"));
    assertThat(runner.health().state()).isEqualTo(StreamState.CONNECTED);
  }

  @Test
  void quarantineAndGapsAreCommittedAndDegradeHealth() throws Exception {
    Gap gap = Gap.file(STREAM, "batch-7.json.gz", "download URL expired after 3 re-lists", NOW);
    source.then(batch("1", true, List.of(gap), receipt("m1", 1731499059314L), "{not json"));

    BatchOutcome outcome = runner.step();

    assertThat(outcome.quarantined()).isEqualTo(1);
    assertThat(store.streamStats(STREAM).orElseThrow().quarantined()).isEqualTo(1);
    assertThat(store.streamStats(STREAM).orElseThrow().gaps()).isEqualTo(1);
    StreamHealth health = runner.health();
    assertThat(health.state()).isEqualTo(StreamState.DEGRADED);
    assertThat(health.reason()).contains("download URL expired");
  }

  @Test
  void aStoreFailureLeavesTheCheckpointWhereItWas() throws Exception {
    source.then(batch("1", false, List.of(), receipt("m1", 1731499059314L)));
    runner.step();
    store.close();
    source.then(batch("2", true, List.of(), receipt("m2", 1731499060000L)));

    assertThatThrownBy(runner::step).isInstanceOf(IllegalStateException.class);
    assertThat(runner.health().state()).isEqualTo(StreamState.ERROR);
    store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir));
    assertThat(store.checkpoint(STREAM)).contains(Checkpoint.of("cursor", "1"));
  }

  /** Hands out prepared batches (or failures) in order and records the checkpoints it got. */
  static final class ScriptedSource implements Source {
    final Deque<Callable<SourceBatch>> script = new ArrayDeque<>();
    final List<Optional<Checkpoint>> seen = new ArrayList<>();

    void then(SourceBatch batch) {
      script.add(() -> batch);
    }

    void fail(Exception e) {
      script.add(
          () -> {
            throw e;
          });
    }

    @Override
    public SourceBatch poll(Optional<Checkpoint> checkpoint) throws Exception {
      seen.add(checkpoint);
      return script.remove().call();
    }
  }
}
