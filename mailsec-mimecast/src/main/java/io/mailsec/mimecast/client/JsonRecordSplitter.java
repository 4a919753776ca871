package io.mailsec.mimecast.client;

import java.io.IOException;
import java.io.Reader;

/**
 * Cuts a stream of JSON text into records, one at a time, returning each record's exact source
 * text. Memory is bounded by the longest record, never by the file.
 *
 * <p>Two layouts are understood:
 *
 * <ul>
 *   <li>with a wrapper key (e.g. {@code data} for SIEM 1.0 files, {@code objects} for STIX
 *       bundles): every element of that array in a top-level object is a record; a top-level object
 *       without it, or a top-level array, contributes its elements/itself as records. Any number of
 *       such documents may follow each other, on one line or many.
 *   <li>without (NDJSON): every top-level value is a record, even two on one line.
 * </ul>
 *
 * <p>Broken input does not stop the stream: the broken text (up to the end of the line on which the
 * problem shows) is returned as a record of its own so that the caller can quarantine it, and
 * reading resumes on the next line. A wrapped document that ends before its record array is closed
 * is reported as a truncated payload, after the records read so far, unless a broken record was
 * already returned (its line may have taken the closing brackets with it).
 */
final class JsonRecordSplitter {
  private static final int MAX_DEPTH = 256;

  private enum Level {
    ROOT,
    RECORD_ARRAY,
    AFTER_RECORD,
    WRAPPER_REST
  }

  /** A structural error at the current position (not an exception the caller sees). */
  private static final class Malformed extends Exception {
    Malformed() {
      super(null, null, false, false);
    }
  }

  private static final Malformed MALFORMED = new Malformed();

  private final CharCursor in;
  private final String wrapperKey;
  private Level level = Level.ROOT;
  private Level afterArray = Level.ROOT;
  private boolean recovered;

  /**
   * @param wrapperKey the key of the record array inside a wrapper object, or null for NDJSON
   */
  JsonRecordSplitter(Reader reader, String wrapperKey, int maxRecordChars) {
    this.in = new CharCursor(reader, maxRecordChars);
    this.wrapperKey = wrapperKey;
  }

  /** The next record's text, or null at the end of the stream. */
  String next() throws IOException {
    while (true) {
      String record =
          switch (level) {
            case ROOT -> atRoot();
            case RECORD_ARRAY, AFTER_RECORD -> inRecordArray();
            case WRAPPER_REST -> inWrapperRest();
          };
      if (record != null) {
        return record;
      }
      if (level == Level.ROOT && in.skipWhitespace() < 0) {
        return null;
      }
    }
  }

  private String atRoot() throws IOException {
    int c = in.skipWhitespace();
    if (c < 0) {
      return null;
    }
    if (c == ',' || c == ']' || c == '}') {
      // Leftover punctuation after a recovered error or between documents: no data in it.
      in.read();
      return null;
    }
    if (wrapperKey != null && c == '[') {
      in.read();
      enterRecordArray(Level.ROOT);
      return null;
    }
    if (wrapperKey != null && c == '{') {
      return rootObject();
    }
    return recordValue();
  }

  private String inRecordArray() throws IOException {
    int c = in.skipWhitespace();
    if (c < 0) {
      if (recovered) {
        // The broken record's line may have swallowed the closing brackets; it was returned.
        level = Level.ROOT;
        return null;
      }
      throw new PayloadException(
          PayloadException.TRUNCATED, "the JSON file ends inside its record array", null);
    }
    if (c == ']') {
      in.read();
      level = afterArray;
      return null;
    }
    if (level == Level.AFTER_RECORD) {
      if (c == ',') {
        in.read();
        level = Level.RECORD_ARRAY;
        return null;
      }
      if (c != '{' && c != '[') {
        recovered = true;
        return nonBlank(in.readRestOfLine());
      }
      // A record that follows the previous one without a comma is still a record.
    }
    level = Level.AFTER_RECORD;
    return recordValue();
  }

  private String inWrapperRest() throws IOException {
    int c = in.skipWhitespace();
    if (c < 0) {
      if (recovered) {
        level = Level.ROOT;
        return null;
      }
      throw new PayloadException(
          PayloadException.TRUNCATED, "the JSON file ends inside its wrapper object", null);
    }
    try {
      if (c == '}') {
        in.read();
        level = Level.ROOT;
        return null;
      }
      if (c != ',') {
        throw MALFORMED;
      }
      in.read();
      member(false);
      return null;
    } catch (Malformed e) {
      level = Level.ROOT;
      recovered = true;
      return nonBlank(in.readRestOfLine());
    }
  }

  private void enterRecordArray(Level returnTo) {
    level = Level.RECORD_ARRAY;
    afterArray = returnTo;
  }

  /** A top-level object in wrapper mode: either the wrapper (records follow) or a record. */
  private String rootObject() throws IOException {
    in.startCapture();
    try {
      in.read();
      if (in.skipWhitespace() == '}') {
        in.read();
        return in.endCapture();
      }
      while (true) {
        String key = member(true);
        if (key != null) {
          in.endCapture();
          enterRecordArray(Level.WRAPPER_REST);
          return null;
        }
        int c = in.skipWhitespace();
        if (c == ',') {
          in.read();
        } else if (c == '}') {
          in.read();
          return in.endCapture();
        } else {
          throw MALFORMED;
        }
      }
    } catch (Malformed e) {
      return recover();
    }
  }

  /**
   * Reads one {@code "key": value} member. When {@code detectWrapper} is set and the key is the
   * wrapper key with an array value, consumes only the opening bracket and returns the key.
   */
  private String member(boolean detectWrapper) throws IOException, Malformed {
    if (in.skipWhitespace() != '"') {
      throw MALFORMED;
    }
    in.read();
    StringBuilder key = detectWrapper ? new StringBuilder() : null;
    string(key);
    if (in.skipWhitespace() != ':') {
      throw MALFORMED;
    }
    in.read();
    int c = in.skipWhitespace();
    if (detectWrapper && c == '[' && wrapperKey.contentEquals(key)) {
      in.read();
      return wrapperKey;
    }
    value(1);
    return null;
  }

  private String recordValue() throws IOException {
    in.startCapture();
    try {
      value(0);
      return in.endCapture();
    } catch (Malformed e) {
      return recover();
    }
  }

  /**
   * Turns the captured text of a broken record into a returned fragment. If the problem showed on
   * the record's first line, the fragment runs to the end of that line. If it showed on a later
   * line, the earlier lines are the fragment and reading resumes at the start of the later line,
   * since in line-oriented files that line usually starts the next record.
   */
  private String recover() throws IOException {
    recovered = true;
    String captured = in.endCapture();
    boolean lineConsumed = captured.endsWith("\n");
    String body = lineConsumed ? captured.substring(0, captured.length() - 1) : captured;
    int lastBreak = body.lastIndexOf('\n');
    String fragment;
    if (lastBreak < 0) {
      fragment = lineConsumed ? body : body + in.readRestOfLine();
    } else {
      fragment = body.substring(0, lastBreak);
      in.pushBack(body.substring(lastBreak + 1) + (lineConsumed ? "\n" : ""));
    }
    return nonBlank(fragment);
  }

  private static String nonBlank(String fragment) {
    String text = fragment.endsWith("\r") ? fragment.substring(0, fragment.length() - 1) : fragment;
    return text.isBlank() ? null : text;
  }

  private void value(int depth) throws IOException, Malformed {
    int c = in.skipWhitespace();
    if (c < 0) {
      throw MALFORMED;
    }
    if (c == '{') {
      in.read();
      object(depth + 1);
    } else if (c == '[') {
      in.read();
      array(depth + 1);
    } else if (c == '"') {
      in.read();
      string(null);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number();
    } else if (c == 't' || c == 'f' || c == 'n') {
      literal();
    } else {
      throw MALFORMED;
    }
  }

  private void object(int depth) throws IOException, Malformed {
    checkDepth(depth);
    if (in.skipWhitespace() == '}') {
      in.read();
      return;
    }
    while (true) {
      if (in.skipWhitespace() != '"') {
        throw MALFORMED;
      }
      in.read();
      string(null);
      if (in.skipWhitespace() != ':') {
        throw MALFORMED;
      }
      in.read();
      value(depth);
      int c = in.skipWhitespace();
      if (c == ',') {
        in.read();
      } else if (c == '}') {
        in.read();
        return;
      } else {
        throw MALFORMED;
      }
    }
  }

  private void array(int depth) throws IOException, Malformed {
    checkDepth(depth);
    if (in.skipWhitespace() == ']') {
      in.read();
      return;
    }
    while (true) {
      value(depth);
      int c = in.skipWhitespace();
      if (c == ',') {
        in.read();
      } else if (c == ']') {
        in.read();
        return;
      } else {
        throw MALFORMED;
      }
    }
  }

  /**
   * Reads a string after its opening quote. Only a line break inside it counts as broken: other
   * control characters are left for the record's parser to judge, because the splitter's job is
   * finding record boundaries, not validating.
   */
  private void string(StringBuilder content) throws IOException, Malformed {
    while (true) {
      int c = in.read();
      if (c < 0 || c == '\n') {
        throw MALFORMED;
      }
      if (c == '"') {
        return;
      }
      if (content != null) {
        content.append((char) c);
      }
      if (c == '\\') {
        int escaped = in.read();
        if (escaped < 0 || escaped == '\n') {
          throw MALFORMED;
        }
        if (content != null) {
          content.append((char) escaped);
        }
      }
    }
  }

  private void number() throws IOException {
    in.read();
    while (true) {
      int c = in.peek();
      if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        in.read();
      } else {
        return;
      }
    }
  }

  private void literal() throws IOException, Malformed {
    StringBuilder word = new StringBuilder();
    while (true) {
      int c = in.peek();
      if (c >= 'a' && c <= 'z' && word.length() < 5) {
        word.append((char) in.read());
      } else {
        break;
      }
    }
    String text = word.toString();
    if (!text.equals("true") && !text.equals("false") && !text.equals("null")) {
      throw MALFORMED;
    }
  }

  private static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new PayloadException(
          PayloadException.UNEXPECTED, "JSON nested deeper than " + MAX_DEPTH + " levels", null);
    }
  }
}
