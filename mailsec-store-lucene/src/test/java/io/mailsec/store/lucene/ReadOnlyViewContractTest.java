package io.mailsec.store.lucene;

import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.EventStoreContractTest;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.HistogramBucket;
import io.mailsec.core.store.LedgerQuery;
import io.mailsec.core.store.RetentionResult;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.core.store.StreamStats;
import io.mailsec.core.store.TermsBucket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The shared store contract with every read answered by a read-only view, while a writer on the
 * same directory takes the writes: the view must answer exactly as the writer would, including
 * under concurrent commits (whole batches only) and across retention.
 */
class ReadOnlyViewContractTest extends EventStoreContractTest {
  @Override
  protected EventStore openStore(Path directory) {
    LuceneStoreConfig config = LuceneStoreConfig.defaults(directory).withRamBufferMb(16);
    LuceneEventStore writer = LuceneEventStore.open(config);
    try {
      return new WriterWithView(writer, LuceneEventStore.openReadOnly(config));
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /** Writes go to the writer, reads to the view. */
  private record WriterWithView(EventStore writer, EventStore view) implements EventStore {
    @Override
    public void commit(StoreBatch batch) {
      writer.commit(batch);
    }

    @Override
    public RetentionResult deleteOlderThan(Instant cutoff) {
      return writer.deleteOlderThan(cutoff);
    }

    @Override
    public Optional<Checkpoint> checkpoint(StreamId stream) {
      return view.checkpoint(stream);
    }

    @Override
    public SearchResult search(SearchRequest request) {
      return view.search(request);
    }

    @Override
    public long count(EventQuery query) {
      return view.count(query);
    }

    @Override
    public List<TermsBucket> countBy(EventQuery query, List<String> fields, int limit) {
      return view.countBy(query, fields, limit);
    }

    @Override
    public List<HistogramBucket> histogram(EventQuery query, Duration interval) {
      return view.histogram(query, interval);
    }

    @Override
    public List<TermsBucket> histogramBy(
        EventQuery query, Duration interval, String field, int limit) {
      return view.histogramBy(query, interval, field, limit);
    }

    @Override
    public List<QuarantinedRecord> quarantined(LedgerQuery query) {
      return view.quarantined(query);
    }

    @Override
    public List<Gap> gaps(LedgerQuery query) {
      return view.gaps(query);
    }

    @Override
    public List<StreamStats> streamStats() {
      return view.streamStats();
    }

    @Override
    public void close() {
      try {
        view.close();
      } finally {
        writer.close();
      }
    }
  }
}
