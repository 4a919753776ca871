package io.mailsec.core.source;

import io.mailsec.core.store.Checkpoint;
import java.util.Optional;

/**
 * Pulls one data type of one integration (one collection stream) from the vendor, one bounded batch
 * at a time. The stream's runner calls, in a loop: {@code poll(checkpoint)}, normalize the records,
 * store them together with {@link SourceBatch#next()} in one atomic commit, repeat with the new
 * checkpoint; when a batch says {@link SourceBatch#caughtUp()} it waits for the poll interval
 * first.
 *
 * <p><b>Threading.</b> One thread (the stream's runner) calls a source; sources need not be
 * thread-safe. Sources of different streams run concurrently and may share a client and its rate
 * budget.
 *
 * <p><b>Checkpoint contract.</b>
 *
 * <ul>
 *   <li>{@code poll(c)} returns records that come after {@code c} and a checkpoint {@code next}
 *       that resumes right after them. The runner stores {@code next} only after the records are
 *       durably stored, so {@code next} may assume it.
 *   <li>A source never skips data silently: if data after {@code c} cannot be fetched (after the
 *       client's retries), either {@code poll} throws and the runner retries later from the same
 *       {@code c}, or the batch reports the skipped interval or file as a {@link
 *       io.mailsec.core.store.Gap} and moves {@code next} past it.
 *   <li>Polling the same checkpoint again may return records already delivered (vendor pages
 *       overlap, files are re-listed); the store's upsert by event id absorbs them. It must never
 *       return fewer records than the first time, except where the vendor's retention dropped them
 *       (reported as a gap).
 *   <li>The checkpoint holds cursors only (page tokens, window ends, file positions), never
 *       credentials: it is stored in plain text.
 *   <li>An empty checkpoint means "first run": start at the integration's look-back.
 * </ul>
 *
 * <p><b>Memory.</b> A batch holds at most one vendor page, or a bounded slice of one file (large
 * files are returned in several batches, each with a checkpoint that resumes inside the file).
 *
 * <p><b>Errors.</b> Failures a user must act on (bad credentials, missing permission, expired
 * binding, wrong region) propagate as exceptions whose message says what to do; the runner marks
 * the stream as failing with that message and retries after its poll interval.
 */
public interface Source extends AutoCloseable {

  /** Fetches the next batch after {@code checkpoint} (empty on the first run). */
  SourceBatch poll(Optional<Checkpoint> checkpoint) throws Exception;

  /** Releases connections and open files. Idempotent. */
  @Override
  default void close() {}
}
