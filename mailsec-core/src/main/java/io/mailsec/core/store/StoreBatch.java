package io.mailsec.core.store;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import java.util.List;
import java.util.Objects;

/**
 * What one stream hands to {@link EventStore#commit} in one go: the events, quarantined records and
 * gaps it produced since its last commit, and the checkpoint that resumes right after them.
 *
 * @param stream the one stream this batch belongs to
 * @param events events to store (upsert by id); each needs an {@code id} and an {@code event_time}
 * @param quarantined records that could not be normalized; they must belong to {@code stream}
 * @param gaps data the stream skipped; they must belong to {@code stream}
 * @param checkpoint the stream's checkpoint after this batch (may equal the previous one)
 */
public record StoreBatch(
    StreamId stream,
    List<Event> events,
    List<QuarantinedRecord> quarantined,
    List<Gap> gaps,
    Checkpoint checkpoint) {
  public StoreBatch {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(checkpoint, "checkpoint");
    events = List.copyOf(events);
    quarantined = List.copyOf(quarantined);
    gaps = List.copyOf(gaps);
    for (Event event : events) {
      if (event.id() == null || event.id().isEmpty()) {
        throw new IllegalArgumentException("event without id in batch of " + stream);
      }
      if (event.eventTime() == null) {
        throw new IllegalArgumentException("event " + event.id() + " has no event_time");
      }
    }
    for (QuarantinedRecord q : quarantined) {
      if (!q.integrationId().equals(stream.integrationId())
          || !q.dataType().equals(stream.dataType())) {
        throw new IllegalArgumentException(
            "quarantined record of "
                + q.integrationId()
                + "/"
                + q.dataType()
                + " in batch of "
                + stream);
      }
    }
    for (Gap gap : gaps) {
      if (!gap.stream().equals(stream)) {
        throw new IllegalArgumentException("gap of " + gap.stream() + " in batch of " + stream);
      }
    }
  }

  /** A batch of events only. */
  public static StoreBatch of(StreamId stream, List<Event> events, Checkpoint checkpoint) {
    return new StoreBatch(stream, events, List.of(), List.of(), checkpoint);
  }

  /** The number of entries (events, quarantined records, gaps). */
  public int size() {
    return events.size() + quarantined.size() + gaps.size();
  }
}
