package io.mailsec.core.ql;

import java.util.Locale;

/**
 * One lexical token.
 *
 * @param kind what it is
 * @param text the decoded text: a string literal without quotes and escapes, a word without a
 *     leading {@code @} or {@code !}, a number (with any unit letters) as written
 * @param offset char offset of the token's first char in the query
 * @param end char offset just after the token
 */
record Token(Kind kind, String text, int offset, int end) {
  enum Kind {
    /** A name or keyword; dotted names ({@code ingest.integration_id}) are one word. */
    WORD,
    /** A word written with a glued {@code !}, e.g. {@code !IN}. */
    NEGATED_WORD,
    /** A logical type, e.g. {@code @ip}; text without the {@code @}. */
    LOGICAL_TYPE,
    STRING,
    /** A number, possibly signed, possibly followed by unit letters ({@code -24h}, {@code 1h}). */
    NUMBER,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    LPAREN,
    RPAREN,
    COMMA,
    PIPE,
    EOF
  }

  /** True for a word that equals {@code keyword} ignoring case. */
  boolean is(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  /** The word upper-cased, for keyword switches. */
  String upper() {
    return text.toUpperCase(Locale.ROOT);
  }

  /** How the token is shown in error messages. */
  String describe() {
    return switch (kind) {
      case EOF -> "the end of the query";
      case STRING -> "'" + text + "'";
      case NEGATED_WORD -> "'!" + text + "'";
      case LOGICAL_TYPE -> "'@" + text + "'";
      default -> "'" + text + "'";
    };
  }
}
