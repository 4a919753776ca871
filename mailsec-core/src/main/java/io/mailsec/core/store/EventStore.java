package io.mailsec.core.store;

import io.mailsec.core.event.QuarantinedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage and search of normalized events, together with each collection stream's
 * checkpoint and the ledger of what could not be collected (quarantined records, gaps).
 *
 * <p><b>Callers.</b> Collection streams call {@link #commit} (one batch per page or file) and
 * {@link #checkpoint} (once, when a stream starts); search, the REST API, detection and health
 * pages call the read methods; a scheduler calls {@link #deleteOlderThan}; the server owns the
 * instance and closes it on shutdown.
 *
 * <p><b>Threading.</b> Implementations are thread-safe. Many threads may read at once, and batches
 * of different streams may be committed concurrently. At most one thread commits for a given stream
 * at a time (the stream's collector); the store may rely on that for the stream's checkpoint. Reads
 * never block on a commit in progress for longer than the store needs to publish it.
 *
 * <p><b>Durability and atomicity.</b> {@link #commit} is all-or-nothing and durable: when it
 * returns, the batch's events, quarantined records, gaps and checkpoint survive a crash or power
 * loss at any later instant; when it throws, or when the process dies before it returns, none of
 * them are stored and the stream resumes from its previous checkpoint. The stored checkpoint of a
 * stream therefore always covers exactly the events that are stored, and a crash can only cause
 * re-delivery, which {@linkplain #commit upserts} absorb. Nothing is lost silently.
 *
 * <p><b>Visibility.</b> Reads see committed batches only, each batch entirely or not at all, and
 * see a batch at the latest 2 seconds after its commit returned (implementations may show it
 * immediately).
 *
 * <p><b>Errors.</b> A request that cannot be executed (unknown field, operand of the wrong type,
 * range on a text field, foreign cursor...) throws {@link IllegalArgumentException} with a message
 * for the user; storage failures throw {@link StoreException}; any method of a closed store throws
 * {@link IllegalStateException}.
 *
 * <p>Every implementation must pass {@code io.mailsec.core.store.EventStoreContractTest} from
 * mailsec-core's test jar.
 */
public interface EventStore extends AutoCloseable {
  /** The most buckets a {@link #histogram} may produce. */
  int MAX_HISTOGRAM_BUCKETS = 10_000;

  /**
   * Stores a batch atomically and durably (see the class comment), then makes it visible.
   *
   * <p>Events are upserted by {@code id} (exact, case-sensitive): an event whose id is already
   * stored, from this batch or any earlier one, replaces the stored event, so re-delivery never
   * duplicates. Within one batch the last event with a given id wins. Quarantined records are
   * upserted by stream and raw text, gaps by stream, interval and file. The batch's checkpoint
   * replaces the stream's stored checkpoint.
   *
   * <p>Events should be valid against the schema registry. Fields that their schema does not
   * define, and values of the wrong type, are kept in the stored event but cannot be searched; such
   * values come back as their JSON reads them.
   *
   * @throws IllegalArgumentException when an event's schema is not in the store's registry; nothing
   *     of the batch is then stored
   * @throws StoreException when the batch could not be stored; nothing of it is then stored
   */
  void commit(StoreBatch batch);

  /** The checkpoint of the stream's last committed batch, or empty if it never committed. */
  Optional<Checkpoint> checkpoint(StreamId stream);

  /**
   * One page of events matching the request, in its order, with the exact number of matches.
   *
   * @throws IllegalArgumentException for an invalid query, a sort on a text or object field, or a
   *     cursor that does not belong to this request
   */
  SearchResult search(SearchRequest request);

  /** The number of events matching the query. */
  long count(EventQuery query);

  /**
   * Groups matching events by the values of one or more fields and counts each group, largest count
   * first (ties by key ascending), at most {@code limit} groups. An event with several values in a
   * field counts once in each value's group (for several fields: in each combination). Events
   * without a value for a grouped field are in no group.
   *
   * @param fields 1 to 4 keyword, long, double, boolean, timestamp or ip fields
   * @param limit maximum number of groups, 1 to {@link SearchRequest#MAX_LIMIT}
   */
  List<TermsBucket> countBy(EventQuery query, List<String> fields, int limit);

  /**
   * Counts matching events per interval of {@code event_time}, oldest first. The buckets span the
   * query's time range when it has both ends, otherwise from the oldest to the newest matching
   * event; buckets inside the span without events have count 0. No matching event and no range give
   * an empty list.
   *
   * @param interval bucket width, at least 1 second; the span may have at most {@link
   *     #MAX_HISTOGRAM_BUCKETS} buckets
   */
  List<HistogramBucket> histogram(EventQuery query, Duration interval);

  /**
   * Counts matching events per interval of {@code event_time} and value of one field, in one pass:
   * a time series split by the field. Each group's key is the interval's start (an {@link Instant};
   * intervals are epoch-aligned as in {@link #histogram}) and the value, typed as in {@link
   * TermsBucket}. Only groups with events are listed, ordered by interval, then by value ascending
   * (strings by code point), at most {@code limit} (the first in that order). An event with several
   * values in the field counts once per value; events without a value are in no group.
   *
   * <p>Optional operation: a store that cannot do it in one pass throws {@link
   * UnsupportedOperationException}, and callers count from the events instead.
   *
   * @param interval interval width, at least 1 second
   * @param field a keyword, long, double, boolean, timestamp or ip field
   * @param limit maximum number of groups, 1 to {@link SearchRequest#MAX_LIMIT}
   */
  default List<TermsBucket> histogramBy(
      EventQuery query, Duration interval, String field, int limit) {
    throw new UnsupportedOperationException("this store has no histogramBy");
  }

  /** Quarantined records, most recently recorded first. */
  List<QuarantinedRecord> quarantined(LedgerQuery query);

  /** Gaps, most recently recorded first. */
  List<Gap> gaps(LedgerQuery query);

  /** Statistics of every stream that has committed at least once, ordered by stream. */
  List<StreamStats> streamStats();

  /** Statistics of one stream, or empty if it never committed. */
  default Optional<StreamStats> streamStats(StreamId stream) {
    return streamStats().stream().filter(s -> s.stream().equals(stream)).findFirst();
  }

  /**
   * Retention: deletes, durably, every event whose {@code event_time} is before {@code cutoff} and
   * every quarantined record and gap recorded before it. Checkpoints are kept, so streams do not
   * collect the deleted data again.
   */
  RetentionResult deleteOlderThan(Instant cutoff);

  /**
   * Releases the store. Batches whose commit returned are kept; a commit still running in another
   * thread either completes first or fails. Idempotent.
   */
  @Override
  void close();
}
