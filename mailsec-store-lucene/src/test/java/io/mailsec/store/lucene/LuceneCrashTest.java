package io.mailsec.store.lucene;

import static io.mailsec.core.store.StoreFixtures.SIEM;
import static io.mailsec.core.store.StoreFixtures.TTP_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.LedgerQuery;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StoreException;
import io.mailsec.core.store.StoreFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes and failures at the worst moment: after a batch's documents reached the index files but
 * before the Lucene commit. The crash is simulated by copying the data directory at that instant
 * (what a power loss would leave on disk) and opening the copy.
 */
class LuceneCrashTest {
  @TempDir Path live;
  @TempDir Path crashImage;

  private static LuceneStoreConfig config(Path dir) {
    return LuceneStoreConfig.defaults(dir).withRamBufferMb(16);
  }

  private static List<Event> events(String prefix, int n) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          StoreFixtures.event("email", prefix + i, StoreFixtures.hours(i), SIEM)
              .put("status", "held")
              .build());
    }
    return out;
  }

  @Test
  void aCrashBeforeTheCommitLeavesThePreviousCommitIntact() {
    AtomicBoolean crashNow = new AtomicBoolean(false);
    try (LuceneEventStore store =
        LuceneEventStore.open(
            config(live),
            writer -> {
              if (crashNow.get()) {
                writer.flush(); // the uncommitted segment is now in the files, as it may be
                copyDirectory(live, crashImage);
                throw new IOException("simulated crash");
              }
            })) {
      store.commit(StoreBatch.of(SIEM, events("a", 50), Checkpoint.of("page", "1")));
      crashNow.set(true);
      StoreBatch second =
          new StoreBatch(
              SIEM,
              events("b", 50),
              List.of(StoreFixtures.quarantined(SIEM, "{bad", StoreFixtures.T0)),
              List.of(Gap.file(SIEM, "f.gz", "gone", StoreFixtures.T0)),
              Checkpoint.of("page", "2"));
      assertThatThrownBy(() -> store.commit(second)).isInstanceOf(StoreException.class);
    }

    try (LuceneEventStore recovered = LuceneEventStore.open(config(crashImage))) {
      assertThat(recovered.count(EventQuery.all())).isEqualTo(50);
      assertThat(recovered.checkpoint(SIEM)).contains(Checkpoint.of("page", "1"));
      assertThat(recovered.quarantined(LedgerQuery.all(10))).isEmpty();
      assertThat(recovered.gaps(LedgerQuery.all(10))).isEmpty();
    }
  }

  @Test
  void aFailedCommitStoresNothingAndTheStoreKeepsWorking() {
    AtomicBoolean fail = new AtomicBoolean(false);
    try (LuceneEventStore store =
        LuceneEventStore.open(
            config(live),
            writer -> {
              if (fail.get()) {
                throw new IOException("disk full");
              }
            })) {
      store.commit(StoreBatch.of(SIEM, events("a", 10), Checkpoint.of("page", "1")));
      fail.set(true);
      assertThatThrownBy(
              () -> store.commit(StoreBatch.of(SIEM, events("b", 10), Checkpoint.of("page", "2"))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("nothing of it is stored");
      // Failed work is neither visible now nor committed later by another stream's commit.
      assertThat(store.count(EventQuery.all())).isEqualTo(10);
      fail.set(false);
      store.commit(StoreBatch.of(TTP_URL, List.of(), Checkpoint.of("page", "x")));
      assertThat(store.count(EventQuery.all())).isEqualTo(10);
      assertThat(store.checkpoint(SIEM)).contains(Checkpoint.of("page", "1"));
      // The stream resumes from its checkpoint and redelivers.
      store.commit(StoreBatch.of(SIEM, events("b", 10), Checkpoint.of("page", "2")));
      assertThat(store.count(EventQuery.all())).isEqualTo(20);
    }
    try (LuceneEventStore reopened = LuceneEventStore.open(config(live))) {
      assertThat(reopened.count(EventQuery.all())).isEqualTo(20);
      assertThat(reopened.checkpoint(SIEM)).contains(Checkpoint.of("page", "2"));
    }
  }

  @Test
  void uncommittedWorkIsDiscardedWhenTheStoreIsClosed() throws IOException {
    try (LuceneEventStore store = LuceneEventStore.open(config(live))) {
      store.commit(StoreBatch.of(SIEM, events("a", 5), Checkpoint.of("page", "1")));
    }
    assertThat(Files.exists(live.resolve("index"))).isTrue();
    try (LuceneEventStore store = LuceneEventStore.open(config(live))) {
      assertThat(store.count(EventQuery.all())).isEqualTo(5);
    }
  }

  private static void copyDirectory(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (!source.getFileName().toString().equals("write.lock")) {
          Files.copy(source, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
