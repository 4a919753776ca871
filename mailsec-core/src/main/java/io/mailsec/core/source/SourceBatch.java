package io.mailsec.core.source;

import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link Source#poll} returns.
 *
 * @param records the records fetched, verbatim
 * @param next the checkpoint that resumes right after these records (and after the gaps)
 * @param gaps data the source knowingly skipped (after retries), with the reason
 * @param caughtUp true when the vendor has nothing newer right now: wait before polling again
 * @param bytes payload bytes received for this batch (for ingest statistics)
 */
public record SourceBatch(
    List<SourceRecord> records, Checkpoint next, List<Gap> gaps, boolean caughtUp, long bytes) {
  public SourceBatch {
    records = List.copyOf(records);
    Objects.requireNonNull(next, "next");
    gaps = List.copyOf(gaps);
  }
}
