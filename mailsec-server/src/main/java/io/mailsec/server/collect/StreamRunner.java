package io.mailsec.server.collect;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.mimecast.client.MimecastApiException;
import io.mailsec.normalize.MimecastNormalizer;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.normalize.NormalizationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one collection stream: fetch a batch, normalize it, store it together with its checkpoint in
 * one atomic commit, repeat. The checkpoint therefore never runs ahead of stored data, and a crash
 * at any point only re-delivers what upserts absorb.
 *
 * <p>One thread runs a given runner at a time.
 */
public final class StreamRunner implements AutoCloseable {
  private final StreamId stream;
  private final Source source;
  private final EventStore store;
  private final RecordNormalizer normalizer;
  private final Clock clock;
  private final StreamTracker tracker;
  private Optional<Checkpoint> checkpoint;

  StreamRunner(
      StreamId stream,
      Source source,
      EventStore store,
      MimecastNormalizer normalizer,
      NormalizationContext baseContext,
      Clock clock) {
    this.stream = stream;
    this.source = source;
    this.store = store;
    this.normalizer = new RecordNormalizer(normalizer, baseContext);
    this.clock = clock;
    this.tracker = new StreamTracker(stream, clock);
  }

  public StreamId stream() {
    return stream;
  }

  public StreamHealth health() {
    return tracker.health();
  }

  /**
   * One fetch-normalize-commit step. A failure is recorded in the stream's health and rethrown;
   * nothing of the failed batch is stored and the next step starts from the same checkpoint.
   */
  public BatchOutcome step() throws Exception {
    try {
      if (checkpoint == null) {
        checkpoint = store.checkpoint(stream);
      }
      SourceBatch batch = source.poll(checkpoint);
      Instant now = clock.instant();
      List<Event> events = new ArrayList<>();
      List<QuarantinedRecord> quarantined = new ArrayList<>();
      Instant newest = null;
      for (SourceRecord record : batch.records()) {
        NormalizationResult result = normalizer.normalize(record, now);
        events.addAll(result.events());
        quarantined.addAll(result.quarantined());
      }
      for (Event event : events) {
        if (newest == null || event.eventTime().isAfter(newest)) {
          newest = event.eventTime();
        }
      }
      store.commit(new StoreBatch(stream, events, quarantined, batch.gaps(), batch.next()));
      checkpoint = Optional.of(batch.next());
      BatchOutcome outcome =
          new BatchOutcome(
              batch.records().size(),
              events.size(),
              quarantined.size(),
              batch.gaps(),
              batch.bytes(),
              newest,
              batch.caughtUp());
      tracker.success(outcome);
      return outcome;
    } catch (Exception e) {
      tracker.failure(describe(e));
      throw e;
    }
  }

  /**
   * Steps until the source is caught up or {@code stop} says so, reporting each batch to {@code
   * progress}. Returns the totals of this run.
   */
  public RunTotals runUntilCaughtUp(Consumer<BatchOutcome> progress, BooleanSupplier stop)
      throws Exception {
    RunTotals totals = RunTotals.ZERO;
    while (!stop.getAsBoolean()) {
      BatchOutcome outcome = step();
      totals = totals.plus(outcome);
      progress.accept(outcome);
      if (outcome.caughtUp()) {
        break;
      }
    }
    return totals;
  }

  /**
   * The user-facing reason of a failure: for Mimecast errors the advice for the admin (what to
   * change) followed by what Mimecast said; otherwise the exception's message.
   */
  static String describe(Throwable e) {
    if (e instanceof MimecastApiException api) {
      return api.adviceForAdmin() + " [" + api.getMessage() + "]";
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    source.close();
  }
}
