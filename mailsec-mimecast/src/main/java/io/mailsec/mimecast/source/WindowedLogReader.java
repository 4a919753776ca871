package io.mailsec.mimecast.source;

import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import io.mailsec.mimecast.client.LogPage;
import io.mailsec.mimecast.client.RawRecord;
import io.mailsec.mimecast.client.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The polling logic shared by the TTP and audit sources: fixed time windows paged with Mimecast's
 * page tokens.
 *
 * <p><b>Checkpoint.</b> {@code from}, {@code to}: the current window; {@code pageToken}: the token
 * of the next page inside it (absent at the window's start); {@code page}: pages read so far in the
 * window (for record origins); {@code complete}: the window is fully read; {@code emptyPages}:
 * consecutive empty pages that still carried a next token.
 *
 * <p><b>Rules.</b> The first window starts at now minus the look-back. A window ends at now minus
 * the settle delay and spans at most {@link #MAX_WINDOW}, so a long catch-up proceeds in windows
 * with fresh page tokens. When a window is complete the next one starts {@link
 * SourceSettings#windowOverlap()} before the old end and ends at the new live edge; it is never
 * derived from the time of the last record (an empty poll must not re-read or stall, pain #1), and
 * it is opened only when at least {@link #MIN_WINDOW} of new time has passed, otherwise the batch
 * is caught up. An empty page that still carries a next token is followed (Mimecast sends such
 * pages), unless the token does not change or {@link #MAX_EMPTY_PAGES} such pages follow each
 * other, in which case the rest of the window is recorded as a gap. A refused page token restarts
 * the window from its first page. With a retention limit, the part of a window older than it is
 * clipped and recorded as a gap.
 */
final class WindowedLogReader {
  static final String FROM = "from";
  static final String TO = "to";
  static final String PAGE_TOKEN = "pageToken";
  static final String PAGE = "page";
  static final String COMPLETE = "complete";
  static final String EMPTY_PAGES = "emptyPages";

  static final Duration MAX_WINDOW = Duration.ofDays(1);
  static final Duration MIN_WINDOW = Duration.ofMinutes(1);
  static final int MAX_PAGE_SIZE = 500;
  static final int MAX_EMPTY_PAGES = 5;

  /** How far inside a retention limit a clipped window starts, to allow for clock skew. */
  static final Duration RETENTION_MARGIN = Duration.ofMinutes(10);

  private final SourceSettings settings;
  private final String what;
  private final LogPageFetcher fetcher;
  private final Duration retention;

  /**
   * @param what the data in words, for gap reasons, e.g. {@code TTP URL logs}
   * @param retention how long Mimecast keeps the data, or null when not known
   */
  WindowedLogReader(
      SourceSettings settings, String what, LogPageFetcher fetcher, Duration retention) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.what = Objects.requireNonNull(what, "what");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.retention = retention;
  }

  private record Window(
      Instant from, Instant to, String pageToken, long page, boolean complete, long emptyPages) {

    Checkpoint checkpoint() {
      return new CheckpointValues.Writer()
          .put(FROM, from)
          .put(TO, to)
          .put(PAGE_TOKEN, pageToken)
          .count(PAGE, page)
          .flag(COMPLETE, complete)
          .count(EMPTY_PAGES, emptyPages)
          .build();
    }

    Window restart() {
      return new Window(from, to, null, 0, false, 0);
    }
  }

  SourceBatch poll(Optional<Checkpoint> checkpoint) {
    Instant now = settings.clock().instant();
    BatchBuilder batch = new BatchBuilder(settings.maxRecordsPerBatch());
    CheckpointValues values = CheckpointValues.of(checkpoint, settings.stream());
    Window window;
    if (values.isEmpty()) {
      Instant start = now.minus(settings.lookBack());
      window = open(start, start, start, now, batch);
      if (window == null) {
        return batch.build(new Window(start, start, null, 0, true, 0).checkpoint(), true);
      }
    } else {
      Window saved = read(values);
      if (saved.complete()) {
        Instant end = saved.to();
        window = open(end, end.minus(settings.windowOverlap()), end, now, batch);
        if (window == null) {
          return batch.build(saved.checkpoint(), true);
        }
      } else {
        window = clipped(saved, now, batch);
      }
    }

    LogPage page;
    try {
      page = fetch(window);
    } catch (ValidationException e) {
      if (window.pageToken() == null) {
        throw e;
      }
      // The page token was refused (expired, or from another server): read the window again.
      window = window.restart();
      page = fetch(window);
    }
    long pageNumber = window.page() + 1;
    for (RawRecord raw : page.records()) {
      batch.add(
          new SourceRecord(
              raw.text(),
              raw.origin()
                  + " "
                  + window.from()
                  + "/"
                  + window.to()
                  + " page "
                  + pageNumber
                  + " #"
                  + raw.ordinal(),
              Map.of()));
    }
    String next = page.nextPageToken();
    if (next != null) {
      if (!page.records().isEmpty()) {
        return batch.build(
            new Window(window.from(), window.to(), next, pageNumber, false, 0).checkpoint(), false);
      }
      long empties = window.emptyPages() + 1;
      if (!next.equals(window.pageToken()) && empties <= MAX_EMPTY_PAGES) {
        return batch.build(
            new Window(window.from(), window.to(), next, pageNumber, false, empties).checkpoint(),
            false);
      }
      batch.gap(
          Gap.interval(
              settings.stream(),
              window.from(),
              window.to(),
              "Mimecast kept answering empty pages with a next token for the "
                  + what
                  + " window "
                  + window.from()
                  + " to "
                  + window.to()
                  + " after "
                  + pageNumber
                  + " pages; the rest of the window was not read",
              now));
    }
    Window complete = new Window(window.from(), window.to(), null, 0, true, 0);
    boolean caughtUp = liveEdge(now).isBefore(window.to().plus(MIN_WINDOW));
    return batch.build(complete.checkpoint(), caughtUp);
  }

  private LogPage fetch(Window window) {
    int pageSize = Math.min(settings.maxRecordsPerBatch(), MAX_PAGE_SIZE);
    return fetcher.fetch(window.from(), window.to(), pageSize, window.pageToken());
  }

  private Instant liveEdge(Instant now) {
    return now.minus(settings.settleDelay());
  }

  /**
   * A new window after {@code coveredUntil}, starting at {@code start}; null when less than {@link
   * #MIN_WINDOW} of new time is available. Time older than the retention is clipped and recorded as
   * a gap from {@code uncoveredFrom} (what was not collected before).
   */
  private Window open(
      Instant coveredUntil, Instant start, Instant uncoveredFrom, Instant now, BatchBuilder batch) {
    Instant liveEdge = liveEdge(now);
    if (liveEdge.isBefore(coveredUntil.plus(MIN_WINDOW))) {
      return null;
    }
    Instant from = start;
    Instant to = min(liveEdge, coveredUntil.plus(MAX_WINDOW));
    Instant floor = retentionFloor(now);
    if (floor != null && from.isBefore(floor)) {
      if (uncoveredFrom.isBefore(floor)) {
        batch.gap(retentionGap(uncoveredFrom, floor, now));
      }
      from = floor;
      if (!to.isAfter(from)) {
        to = min(liveEdge, from.plus(MAX_WINDOW));
      }
    }
    return new Window(from, to, null, 0, false, 0);
  }

  /** A saved, unfinished window, restarted inside the retention if it has aged out meanwhile. */
  private Window clipped(Window saved, Instant now, BatchBuilder batch) {
    Instant floor = retentionFloor(now);
    if (floor == null || !saved.from().isBefore(floor)) {
      return saved;
    }
    batch.gap(retentionGap(saved.from(), floor, now));
    Instant to =
        saved.to().isAfter(floor) ? saved.to() : min(liveEdge(now), floor.plus(MAX_WINDOW));
    return new Window(floor, to, null, 0, false, 0);
  }

  private Instant retentionFloor(Instant now) {
    return retention == null ? null : now.minus(retention).plus(RETENTION_MARGIN);
  }

  private Gap retentionGap(Instant from, Instant to, Instant now) {
    return Gap.interval(
        settings.stream(),
        from,
        to,
        "Mimecast keeps "
            + what
            + " for "
            + retention.toDays()
            + " days; the older part of the requested interval cannot be collected",
        now);
  }

  private Window read(CheckpointValues values) {
    Instant from = values.instant(FROM);
    Instant to = values.instant(TO);
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalStateException(
          "The checkpoint of stream "
              + settings.stream()
              + " has no valid window; reset the stream's checkpoint.");
    }
    return new Window(
        from,
        to,
        values.text(PAGE_TOKEN),
        values.count(PAGE),
        values.flag(COMPLETE),
        values.count(EMPTY_PAGES));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
