package io.mailsec.core.source;

import java.util.Map;
import java.util.Objects;

/**
 * One record as fetched, verbatim, with what normalization needs to know about where it came from.
 *
 * @param text the record exactly as the vendor sent it (kept as the event's original data)
 * @param origin where it came from, for quarantine entries and gaps, e.g. a file name or page
 * @param hints facts about the record's container that are not in the record itself; keys are
 *     defined by the source (e.g. the 1.0 SIEM file type taken from the file name, a CSV header)
 */
public record SourceRecord(String text, String origin, Map<String, String> hints) {
  public SourceRecord {
    Objects.requireNonNull(text, "text");
    origin = origin == null ? "" : origin;
    hints = hints == null ? Map.of() : Map.copyOf(hints);
  }

  public static SourceRecord of(String text, String origin) {
    return new SourceRecord(text, origin, Map.of());
  }
}
