package io.mailsec.store.lucene;

import static io.mailsec.core.store.StoreFixtures.SIEM;
import static io.mailsec.core.store.StoreFixtures.TTP_URL;
import static io.mailsec.core.store.StoreFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.LedgerQuery;
import io.mailsec.core.store.RetentionResult;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StoreException;
import io.mailsec.core.store.StoreFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only view next to a live writer on the same directory: what it sees and when, what it
 * survives, and that it never writes. {@link ReadOnlyViewContractTest} runs the shared contract's
 * reads through it.
 */
class ReadOnlyLuceneEventStoreTest {
  @TempDir Path directory;

  private LuceneStoreConfig config() {
    return LuceneStoreConfig.defaults(directory).withRamBufferMb(16);
  }

  private static List<Event> events(String prefix, int n, double firstHour) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          StoreFixtures.event("email", prefix + i, hours(firstHour + i), SIEM)
              .put("status", "held")
              .build());
    }
    return out;
  }

  private static StoreBatch batch(String prefix, int n, double firstHour, String page) {
    return StoreBatch.of(SIEM, events(prefix, n, firstHour), Checkpoint.of("page", page));
  }

  @Test
  void theViewSeesEachCommitWholeAndNothingBeforeIt() {
    AtomicReference<EventStore> view = new AtomicReference<>();
    AtomicBoolean inspect = new AtomicBoolean(false);
    List<Long> countsBeforeCommit = new ArrayList<>();
    List<Optional<Checkpoint>> checkpointsBeforeCommit = new ArrayList<>();
    LuceneEventStore.BeforeCommit lookAtTheView =
        writer -> {
          if (inspect.get()) {
            // The batch is in the index files now but not committed.
            writer.flush();
            countsBeforeCommit.add(view.get().count(EventQuery.all()));
            checkpointsBeforeCommit.add(view.get().checkpoint(SIEM));
          }
        };
    try (LuceneEventStore writer = LuceneEventStore.open(config(), lookAtTheView);
        EventStore readOnly = LuceneEventStore.openReadOnly(config())) {
      view.set(readOnly);
      assertThat(readOnly.count(EventQuery.all())).isZero();

      writer.commit(batch("a", 30, 0, "1"));
      assertThat(readOnly.count(EventQuery.all())).isEqualTo(30);
      assertThat(readOnly.checkpoint(SIEM)).contains(Checkpoint.of("page", "1"));

      inspect.set(true);
      writer.commit(batch("b", 30, 100, "2"));
      assertThat(countsBeforeCommit).containsExactly(30L);
      assertThat(checkpointsBeforeCommit).containsExactly(Optional.of(Checkpoint.of("page", "1")));
      assertThat(readOnly.count(EventQuery.all())).isEqualTo(60);
      assertThat(readOnly.checkpoint(SIEM)).contains(Checkpoint.of("page", "2"));
      assertThat(readOnly.streamStats(SIEM).orElseThrow().events()).isEqualTo(60);
    }
  }

  @Test
  void theViewNeverTakesTheWriteLock() {
    try (LuceneEventStore writer = LuceneEventStore.open(config())) {
      writer.commit(batch("a", 5, 0, "1"));
    }
    try (EventStore view = LuceneEventStore.openReadOnly(config())) {
      assertThat(view.count(EventQuery.all())).isEqualTo(5);
      // The server starts while the view is open, and restarts.
      try (LuceneEventStore writer = LuceneEventStore.open(config())) {
        writer.commit(batch("b", 5, 10, "2"));
        assertThat(view.count(EventQuery.all())).isEqualTo(10);
      }
      try (LuceneEventStore writer = LuceneEventStore.open(config())) {
        writer.commit(batch("c", 5, 20, "3"));
        assertThat(view.count(EventQuery.all())).isEqualTo(15);
        // A second view while the writer runs.
        try (EventStore second = LuceneEventStore.openReadOnly(config())) {
          assertThat(second.checkpoint(SIEM)).contains(Checkpoint.of("page", "3"));
        }
      }
    }
  }

  @Test
  void aMissingDirectoryReadsAsAnEmptyStoreAndIsNotCreated() {
    Path missing = directory.resolve("never-started");
    LuceneStoreConfig config = LuceneStoreConfig.defaults(missing);
    try (EventStore view = LuceneEventStore.openReadOnly(config)) {
      assertEmpty(view);
      assertThat(missing).doesNotExist();

      // The server starts later: the same view picks its commits up.
      try (LuceneEventStore writer = LuceneEventStore.open(config)) {
        assertEmpty(view);
        writer.commit(batch("a", 3, 0, "1"));
        assertThat(view.count(EventQuery.all())).isEqualTo(3);
      }
    }
  }

  @Test
  void anIndexDirectoryWithoutACommitReadsAsAnEmptyStore() throws IOException {
    Files.createDirectories(directory.resolve("index"));
    try (EventStore view = LuceneEventStore.openReadOnly(config())) {
      assertEmpty(view);
    }
  }

  private static void assertEmpty(EventStore view) {
    assertThat(view.count(EventQuery.all())).isZero();
    assertThat(view.search(SearchRequest.of(EventQuery.all())).events()).isEmpty();
    assertThat(view.search(SearchRequest.of(EventQuery.all())).totalHits()).isZero();
    assertThat(view.countBy(EventQuery.all(), List.of("status"), 10)).isEmpty();
    assertThat(view.histogram(EventQuery.all(), Duration.ofHours(1))).isEmpty();
    assertThat(view.histogram(EventQuery.all().between(hours(0), hours(2)), Duration.ofHours(1)))
        .extracting(b -> b.count())
        .containsExactly(0L, 0L);
    assertThat(view.quarantined(LedgerQuery.all(10))).isEmpty();
    assertThat(view.gaps(LedgerQuery.all(10))).isEmpty();
    assertThat(view.streamStats()).isEmpty();
    assertThat(view.checkpoint(SIEM)).isEmpty();
  }

  @Test
  void aSearcherInUseSurvivesTheWritersMergesAndDeletes() throws IOException {
    AtomicBoolean mergeNow = new AtomicBoolean(false);
    LuceneEventStore.BeforeCommit merge =
        writer -> {
          if (mergeNow.get()) {
            writer.forceMerge(1);
          }
        };
    try (LuceneEventStore writer = LuceneEventStore.open(config(), merge);
        ReadOnlyLuceneEventStore view = ReadOnlyLuceneEventStore.open(config())) {
      for (int b = 0; b < 8; b++) {
        writer.commit(batch("b" + b + "-", 10, b * 10, Integer.toString(b)));
      }
      List<String> missingFiles = new ArrayList<>();
      List<String> heldSources =
          view.read(
              searcher -> {
                // While this searcher is in use, the writer deletes half and merges the rest.
                RetentionResult deleted = writer.deleteOlderThan(hours(40));
                assertThat(deleted.events()).isEqualTo(40);
                mergeNow.set(true);
                writer.commit(batch("late", 1, 500, "9"));
                DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
                for (String file : reader.getIndexCommit().getFileNames()) {
                  if (!Files.exists(directory.resolve("index").resolve(file))) {
                    missingFiles.add(file);
                  }
                }
                // 80 events and the stream's checkpoint; read every one of them back.
                TopDocs all = searcher.search(new MatchAllDocsQuery(), 1000);
                assertThat(all.totalHits.value).isEqualTo(80 + 1);
                StoredFields stored = searcher.storedFields();
                List<String> sources = new ArrayList<>();
                for (ScoreDoc hit : all.scoreDocs) {
                  sources.add(stored.document(hit.doc).get(IndexFields.SOURCE));
                }
                return sources;
              });
      // The scenario really happened: the held commit's files were gone from the directory.
      assertThat(missingFiles).isNotEmpty();
      assertThat(heldSources)
          .hasSize(80 + 1)
          .doesNotContainNull()
          .anyMatch(s -> s.contains("\"id\":\"b0-0\""));

      // The next read moves to the merged commit.
      assertThat(view.count(EventQuery.all())).isEqualTo(41);
      assertThat(view.search(SearchRequest.of(EventQuery.all()).withLimit(1)).events())
          .extracting(Event::id)
          .containsExactly("late0");
      assertThat(view.checkpoint(SIEM)).contains(Checkpoint.of("page", "9"));
    }
  }

  @Test
  void theViewRejectsWritesAndChangesNothing() {
    try (LuceneEventStore writer = LuceneEventStore.open(config())) {
      EventStore view = LuceneEventStore.openReadOnly(config());
      writer.commit(batch("a", 4, 0, "1"));
      StoreBatch more =
          new StoreBatch(
              TTP_URL,
              List.of(),
              List.of(),
              List.of(Gap.file(TTP_URL, "f.gz", "gone", hours(1))),
              Checkpoint.of("page", "x"));
      assertThatThrownBy(() -> view.commit(more))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("read-only");
      assertThatThrownBy(() -> view.deleteOlderThan(hours(100)))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("read-only");
      assertThat(view.count(EventQuery.all())).isEqualTo(4);
      assertThat(writer.count(EventQuery.all())).isEqualTo(4);
      assertThat(view.checkpoint(TTP_URL)).isEmpty();
      assertThat(view.gaps(LedgerQuery.all(10))).isEmpty();

      view.close();
      assertThatThrownBy(() -> view.count(EventQuery.all()))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> view.commit(more)).isInstanceOf(IllegalStateException.class);
      view.close(); // idempotent
      assertThat(writer.count(EventQuery.all())).isEqualTo(4);
    }
  }

  @Test
  void aDirectoryOfAnotherFormatIsRefused() throws IOException {
    try (FSDirectory dir = FSDirectory.open(directory.resolve("index"));
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
      writer.setLiveCommitData(Map.of(LuceneEventStore.FORMAT_KEY, "0").entrySet());
      writer.commit();
    }
    assertThatThrownBy(() -> LuceneEventStore.openReadOnly(config()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("format 0");
  }
}
