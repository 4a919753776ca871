package io.mailsec.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Data a stream knowingly skipped: an interval or a file it could not fetch, and why. Recording a
 * gap is what lets a stream move on without losing data silently; health pages show them.
 *
 * <p>Recording the same gap again (same stream, interval and file) replaces the earlier entry.
 *
 * @param stream the stream that skipped the data
 * @param from start of the skipped interval (inclusive), or null when the gap is a file
 * @param to end of the skipped interval (exclusive), or null when the gap is a file
 * @param file the file or batch that could not be fetched, or null when the gap is an interval
 * @param reason human-readable cause, e.g. {@code HTTP 404 for batch file ...}
 * @param recordedAt when the gap was recorded
 */
public record Gap(
    StreamId stream, Instant from, Instant to, String file, String reason, Instant recordedAt) {
  public Gap {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a gap needs a reason");
    }
    if ((from == null) != (to == null)) {
      throw new IllegalArgumentException("a gap interval needs both ends");
    }
    if (from != null && from.isAfter(to)) {
      throw new IllegalArgumentException("gap interval ends before it starts");
    }
    if (from == null && (file == null || file.isEmpty())) {
      throw new IllegalArgumentException("a gap needs an interval or a file");
    }
  }

  /** A skipped interval [from, to). */
  public static Gap interval(
      StreamId stream, Instant from, Instant to, String reason, Instant recordedAt) {
    return new Gap(stream, from, to, null, reason, recordedAt);
  }

  /** A skipped file. */
  public static Gap file(StreamId stream, String file, String reason, Instant recordedAt) {
    return new Gap(stream, null, null, file, reason, recordedAt);
  }
}
