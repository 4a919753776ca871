package io.mailsec.server.collect;

import io.mailsec.core.store.StreamId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Accumulates one stream's outcomes and derives its {@link StreamHealth}. A stream is DEGRADED
 * while a gap or a quarantined record is younger than {@link #DEGRADED_WINDOW}; ERROR from a failed
 * poll until the next successful one. Thread-safe.
 */
final class StreamTracker {
  static final Duration DEGRADED_WINDOW = Duration.ofHours(24);

  private final StreamId stream;
  private final Clock clock;
  private Instant lastAttempt;
  private Instant lastSuccess;
  private Instant newestEvent;
  private Instant lastGap;
  private Instant lastQuarantine;
  private String lastGapReason;
  private String error;
  private boolean caughtUp;
  private long events;
  private long bytes;
  private long quarantined;
  private long gaps;

  StreamTracker(StreamId stream, Clock clock) {
    this.stream = stream;
    this.clock = clock;
  }

  synchronized void success(BatchOutcome outcome) {
    Instant now = clock.instant();
    lastAttempt = now;
    lastSuccess = now;
    error = null;
    caughtUp = outcome.caughtUp();
    events += outcome.events();
    bytes += outcome.bytes();
    quarantined += outcome.quarantined();
    gaps += outcome.gaps().size();
    if (outcome.quarantined() > 0) {
      lastQuarantine = now;
    }
    if (!outcome.gaps().isEmpty()) {
      lastGap = now;
      lastGapReason = outcome.gaps().get(outcome.gaps().size() - 1).reason();
    }
    if (outcome.newestEvent() != null
        && (newestEvent == null || outcome.newestEvent().isAfter(newestEvent))) {
      newestEvent = outcome.newestEvent();
    }
  }

  synchronized void failure(String reason) {
    lastAttempt = clock.instant();
    error = reason;
  }

  synchronized StreamHealth health() {
    Instant now = clock.instant();
    StreamState state;
    String reason;
    if (error != null) {
      state = StreamState.ERROR;
      reason = error;
    } else if (lastAttempt == null) {
      state = StreamState.PENDING;
      reason = "not polled yet";
    } else if (recent(lastGap, now) || recent(lastQuarantine, now)) {
      state = StreamState.DEGRADED;
      reason =
          recent(lastGap, now)
              ? "data skipped (gap): " + lastGapReason
              : "records quarantined: they could not be normalized (see the quarantine list)";
    } else {
      state = StreamState.CONNECTED;
      reason = "";
    }
    Duration lag = newestEvent == null ? null : Duration.between(newestEvent, now);
    return new StreamHealth(
        stream,
        state,
        reason,
        lastAttempt,
        lastSuccess,
        newestEvent,
        lag,
        caughtUp,
        events,
        bytes,
        quarantined,
        gaps);
  }

  private static boolean recent(Instant when, Instant now) {
    return when != null && Duration.between(when, now).compareTo(DEGRADED_WINDOW) < 0;
  }
}
