package io.mailsec.server.collect;

import io.mailsec.core.store.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Progress arithmetic of one data type of a backfill. */
final class BackfillProgress {
  private BackfillProgress() {}

  /**
   * How far the source's time cursor has moved through {@code [from, to)}, 0 to 1. The cursor is
   * the window a windowed source (TTP, audit, DLP) has completed, as its checkpoint says ({@code
   * from}, {@code to}, {@code complete}), or else the newest event time delivered so far; it never
   * moves back ({@code previous}).
   */
  static Instant cursor(Checkpoint checkpoint, Instant newestEvent, Instant previous) {
    Instant cursor = previous;
    Instant windowFrom = instant(checkpoint.get("from"));
    Instant windowTo = instant(checkpoint.get("to"));
    if (windowFrom != null && windowTo != null) {
      cursor = max(cursor, "true".equals(checkpoint.get("complete")) ? windowTo : windowFrom);
    }
    return max(cursor, newestEvent);
  }

  static double fraction(Instant from, Instant to, Instant cursor) {
    if (cursor == null || !cursor.isAfter(from)) {
      return 0;
    }
    if (!cursor.isBefore(to)) {
      return 1;
    }
    double covered = Duration.between(from, cursor).toMillis();
    return covered / Duration.between(from, to).toMillis();
  }

  static BackfillJobView.TypeView withState(
      BackfillJobView.TypeView t, BackfillState state, String error) {
    return new BackfillJobView.TypeView(
        t.dataType(),
        t.requestedFrom(),
        t.from(),
        t.to(),
        t.note(),
        state,
        state == BackfillState.DONE ? 1 : t.progress(),
        t.eventsStored(),
        t.duplicatesSkipped(),
        t.outsideRange(),
        t.quarantined(),
        t.gaps(),
        error);
  }

  /** The type's counts after one more committed batch. */
  static BackfillJobView.TypeView plus(
      BackfillJobView.TypeView t,
      double progress,
      long stored,
      long duplicates,
      long outside,
      long quarantined,
      long gaps) {
    return new BackfillJobView.TypeView(
        t.dataType(),
        t.requestedFrom(),
        t.from(),
        t.to(),
        t.note(),
        t.state(),
        Math.max(t.progress(), progress),
        t.eventsStored() + stored,
        t.duplicatesSkipped() + duplicates,
        t.outsideRange() + outside,
        t.quarantined() + quarantined,
        t.gaps() + gaps,
        t.error());
  }

  private static Instant max(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
