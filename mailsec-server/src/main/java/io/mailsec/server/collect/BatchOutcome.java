package io.mailsec.server.collect;

import io.mailsec.core.store.Gap;
import java.time.Instant;
import java.util.List;

/**
 * What one poll-normalize-commit step of a stream did.
 *
 * @param records records fetched
 * @param events events stored (upserted)
 * @param quarantined records quarantined
 * @param gaps data skipped by the source
 * @param bytes payload bytes received
 * @param newestEvent newest event time in the batch, or null
 * @param caughtUp whether the vendor had nothing newer
 */
public record BatchOutcome(
    int records,
    int events,
    int quarantined,
    List<Gap> gaps,
    long bytes,
    Instant newestEvent,
    boolean caughtUp) {
  public BatchOutcome {
    gaps = List.copyOf(gaps);
  }
}
