package io.mailsec.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store holds for one stream, for health pages.
 *
 * @param stream the stream
 * @param checkpoint its stored checkpoint
 * @param lastCommit when its last batch was committed (store clock)
 * @param events events stored from this stream (after retention; an event re-delivered by another
 *     stream counts there)
 * @param quarantined quarantined records stored for it
 * @param gaps gaps recorded for it
 */
public record StreamStats(
    StreamId stream,
    Checkpoint checkpoint,
    Instant lastCommit,
    long events,
    long quarantined,
    long gaps) {
  public StreamStats {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(lastCommit, "lastCommit");
  }
}
