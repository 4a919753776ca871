package io.mailsec.mimecast.client;

import java.io.IOException;
import java.io.Reader;

/**
 * Line-per-record payloads: SIEM 1.0 key_value files, and pipe-delimited CSV feed files whose first
 * non-blank line is the header attached to every row. A CSV row whose quotes are unbalanced
 * continues on the next line (a quoted field may hold a line break). Blank lines are skipped.
 */
final class LineRecordReader implements RecordReader {
  private final CharCursor in;
  private final String origin;
  private final RecordFormat format;
  private final int maxRecordChars;
  private String header;
  private long ordinal;

  LineRecordReader(Reader reader, String origin, RecordFormat format, int maxRecordChars) {
    this.in = new CharCursor(reader, maxRecordChars);
    this.origin = origin;
    this.format = format;
    this.maxRecordChars = maxRecordChars;
  }

  @Override
  public RawRecord read() throws IOException {
    while (true) {
      String line = nextLine();
      if (line == null) {
        return null;
      }
      if (line.isBlank()) {
        continue;
      }
      if (format == RecordFormat.CSV) {
        while (hasOpenQuote(line)) {
          String continuation = nextLine();
          if (continuation == null) {
            break;
          }
          line = line + "\n" + continuation;
          if (line.length() > maxRecordChars) {
            throw new PayloadException(
                PayloadException.RECORD_TOO_LONG,
                "a CSV row is longer than " + maxRecordChars + " characters",
                null);
          }
        }
        if (header == null) {
          header = line;
          continue;
        }
      }
      return new RawRecord(format, origin, ++ordinal, line, header);
    }
  }

  private String nextLine() throws IOException {
    if (in.peek() < 0) {
      return null;
    }
    String line = in.readRestOfLine();
    if (ordinal == 0 && header == null && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static boolean hasOpenQuote(String line) {
    int quotes = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }
}
