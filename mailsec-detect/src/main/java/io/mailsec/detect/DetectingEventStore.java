package io.mailsec.detect;

import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store as collectors see it when detection is on: {@link #commit} goes through {@link
 * DetectionEngine#commit}, so every batch is detected and committed with its alerts in one atomic
 * commit; everything else reads the underlying store. Hand this to the collector instead of the
 * store; do not close it (close the underlying store).
 */
public final class DetectingEventStore implements EventStore {
  private final EventStore store;
  private final DetectionEngine engine;

  public DetectingEventStore(EventStore store, DetectionEngine engine) {
    this.store = store;
    this.engine = engine;
  }

  @Override
  public void commit(StoreBatch batch) {
    engine.commit(batch);
  }

  @Override
  public Optional<Checkpoint> checkpoint(StreamId stream) {
    return store.checkpoint(stream);
  }

  @Override
  public SearchResult search(SearchRequest request) {
    return store.search(request);
  }

  @Override
  public long count(EventQuery query) {
    return store.count(query);
  }

  @Override
  public List<TermsBucket> countBy(EventQuery query, List<String> fields, int limit) {
    return store.countBy(query, fields, limit);
  }

  @Override
  public List<HistogramBucket> histogram(EventQuery query, Duration interval) {
    return store.histogram(query, interval);
  }

  @Override
  public List<TermsBucket> histogramBy(
      EventQuery query, Duration interval, String field, int limit) {
    return store.histogramBy(query, interval, field, limit);
  }

  @Override
  public List<QuarantinedRecord> quarantined(LedgerQuery query) {
    return store.quarantined(query);
  }

  @Override
  public List<Gap> gaps(LedgerQuery query) {
    return store.gaps(query);
  }

  @Override
  public List<StreamStats> streamStats() {
    return store.streamStats();
  }

  @Override
  public RetentionResult deleteOlderThan(Instant cutoff) {
    return store.deleteOlderThan(cutoff);
  }

  /** Does nothing: the owner of the underlying store closes it. */
  @Override
  public void close() {}
}
