package io.mailsec.mimecast.client;

import java.io.IOException;
import java.io.Reader;

/**
 * A character reader with one-character lookahead, push-back and an optional capture of the
 * characters consumed (the verbatim text of the record being read). The capture is bounded so a
 * runaway record cannot exhaust the heap.
 */
final class CharCursor {
  private final Reader reader;
  private final int maxCaptureChars;
  private final char[] buffer = new char[16 * 1024];
  private int position;
  private int length;
  private final StringBuilder pending = new StringBuilder();
  private int pendingPosition;
  private StringBuilder capture;

  CharCursor(Reader reader, int maxCaptureChars) {
    this.reader = reader;
    this.maxCaptureChars = maxCaptureChars;
  }

  /** The next character without consuming it, or -1 at the end. */
  int peek() throws IOException {
    if (pendingPosition < pending.length()) {
      return pending.charAt(pendingPosition);
    }
    if (position == length) {
      length = reader.read(buffer, 0, buffer.length);
      position = 0;
      if (length <= 0) {
        length = 0;
        return -1;
      }
    }
    return buffer[position];
  }

  /** Consumes and returns the next character (-1 at the end), adding it to the capture. */
  int read() throws IOException {
    int c = peek();
    if (c < 0) {
      return c;
    }
    if (pendingPosition < pending.length()) {
      pendingPosition++;
      if (pendingPosition == pending.length()) {
        pending.setLength(0);
        pendingPosition = 0;
      }
    } else {
      position++;
    }
    if (capture != null) {
      if (capture.length() >= maxCaptureChars) {
        throw new PayloadException(
            PayloadException.RECORD_TOO_LONG,
            "a record is longer than " + maxCaptureChars + " characters",
            null);
      }
      capture.append((char) c);
    }
    return c;
  }

  /** Consumes JSON whitespace (and a byte-order mark) and peeks at what follows. */
  int skipWhitespace() throws IOException {
    while (true) {
      int c = peek();
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\uFEFF') {
        read();
      } else {
        return c;
      }
    }
  }

  /** Consumes the rest of the current line (without its line break). */
  String readRestOfLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = peek();
      if (c < 0) {
        break;
      }
      read();
      if (c == '\n') {
        break;
      }
      if (line.length() >= maxCaptureChars) {
        throw new PayloadException(
            PayloadException.RECORD_TOO_LONG,
            "a line is longer than " + maxCaptureChars + " characters",
            null);
      }
      line.append((char) c);
    }
    return line.toString();
  }

  /** Makes {@code text} the next characters to be read, ahead of anything not yet read. */
  void pushBack(String text) {
    pending.replace(0, pendingPosition, "");
    pendingPosition = 0;
    pending.insert(0, text);
  }

  void startCapture() {
    capture = new StringBuilder();
  }

  /** Ends the capture and returns what it holds (empty when none was active). */
  String endCapture() {
    String text = capture == null ? "" : capture.toString();
    capture = null;
    return text;
  }
}
