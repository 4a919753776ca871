package io.mailsec.core.ql;

/**
 * One problem with a query text, located for the user.
 *
 * @param message what is wrong, in words for the person who wrote the query (may end with a
 *     suggestion such as "did you mean from_email_address?")
 * @param line 1-based line of the offending token
 * @param column 1-based column of the offending token (in UTF-16 chars)
 * @param offset 0-based char offset of the offending token in the query text
 */
public record QueryError(String message, int line, int column, int offset) {
  /** Locates {@code offset} in {@code text}; offsets past the end point just after it. */
  static QueryError at(String text, int offset, String message) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < clamped; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new QueryError(message, line, clamped - lineStart + 1, clamped);
  }

  @Override
  public String toString() {
    return line + ":" + column + " " + message;
  }
}
