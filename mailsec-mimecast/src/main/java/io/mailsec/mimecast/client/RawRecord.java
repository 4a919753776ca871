package io.mailsec.mimecast.client;

import java.util.Objects;

/**
 * One record exactly as Mimecast sent it; normalization parses it and keeps {@link #text()} as the
 * event's original data. A record may be malformed (a broken line is still handed on, so that it
 * can be quarantined rather than lost).
 *
 * @param format how {@code text} is encoded
 * @param origin where it came from: the file name (SIEM 1.0 file or zip entry, e.g. {@code
 *     receipt_20211018093329655.json}, from which the log type follows), the batch file's URL path,
 *     or the response array name for JSON pages (e.g. {@code clickLogs})
 * @param ordinal 1-based position of the record within its origin
 * @param text the record's verbatim text, without the line break that ended it
 * @param header for {@link RecordFormat#CSV} the header row of its file, otherwise null
 */
public record RawRecord(
    RecordFormat format, String origin, long ordinal, String text, String header) {

  public RawRecord {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(text, "text");
  }

  static RawRecord json(String origin, long ordinal, String text) {
    return new RawRecord(RecordFormat.JSON, origin, ordinal, text, null);
  }
}
