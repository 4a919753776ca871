package io.mailsec.core.ql;

import io.mailsec.core.ql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query text into tokens. Strings are {@code '...'} with {@code ''} for a quote, or {@code
 * e'...'} where {@code \'} is a quote and {@code \\} a backslash (any other backslash is kept as
 * written, so regular expressions need no double escaping).
 */
final class Lexer {
  private final String text;
  private int pos;

  private Lexer(String text) {
    this.text = text;
  }

  static List<Token> tokenize(String text) {
    return new Lexer(text).all();
  }

  private List<Token> all() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        out.add(new Token(Kind.EOF, "", text.length(), text.length()));
        return out;
      }
      out.add(next());
    }
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private Token next() {
    int start = pos;
    char c = text.charAt(pos);
    if ((c == 'e' || c == 'E') && peek(1) == '\'') {
      pos++;
      return escapedString(start);
    }
    if (isWordStart(c)) {
      return new Token(Kind.WORD, word(), start, pos);
    }
    if (isDigit(c) || ((c == '-' || c == '+') && isDigit(peek(1)))) {
      return number(start);
    }
    switch (c) {
      case '\'':
        return plainString(start);
      case '"':
        throw error(start, "strings are written in single quotes: 'text'");
      case '@':
        pos++;
        if (pos >= text.length() || !isWordStart(text.charAt(pos))) {
          throw error(start, "'@' must be followed by a logical type such as @ip");
        }
        return new Token(Kind.LOGICAL_TYPE, word(), start, pos);
      case '!':
        if (peek(1) == '=') {
          return symbol(Kind.NE, 2);
        }
        pos++;
        if (pos < text.length() && isWordStart(text.charAt(pos))) {
          return new Token(Kind.NEGATED_WORD, word(), start, pos);
        }
        throw error(
            start, "'!' must be glued to an operator: != or !IN, !CONTAINS, !MATCHES_REGEX ...");
      case '=':
        return symbol(Kind.EQ, peek(1) == '=' ? 2 : 1);
      case '<':
        if (peek(1) == '>') {
          return symbol(Kind.NE, 2);
        }
        return peek(1) == '=' ? symbol(Kind.LE, 2) : symbol(Kind.LT, 1);
      case '>':
        return peek(1) == '=' ? symbol(Kind.GE, 2) : symbol(Kind.GT, 1);
      case '(':
        return symbol(Kind.LPAREN, 1);
      case ')':
        return symbol(Kind.RPAREN, 1);
      case ',':
        return symbol(Kind.COMMA, 1);
      case '|':
        return symbol(Kind.PIPE, 1);
      default:
        throw error(
            start,
            "unexpected character '"
                + new String(Character.toChars(text.codePointAt(start)))
                + "'"
                + (c == '.' || c == '-' || c == '/' || c == ':' ? " (quote values: 'text')" : ""));
    }
  }

  private Token symbol(Kind kind, int length) {
    int start = pos;
    pos += length;
    return new Token(kind, text.substring(start, pos), start, pos);
  }

  private String word() {
    int start = pos;
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (isWordPart(c)) {
        pos++;
      } else if (c == '.' && pos + 1 < text.length() && isWordStart(text.charAt(pos + 1))) {
        pos++;
      } else {
        break;
      }
    }
    return text.substring(start, pos);
  }

  private Token number(int start) {
    if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
      pos++;
    }
    digits();
    if (peek(0) == '.' && isDigit(peek(1))) {
      pos++;
      digits();
    }
    if ((peek(0) == 'e' || peek(0) == 'E')
        && (isDigit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && isDigit(peek(2))))) {
      pos += 2;
      digits();
    }
    while (pos < text.length() && isWordPart(text.charAt(pos))) {
      pos++; // unit letters such as the h of -24h; the parser decides whether they fit
    }
    return new Token(Kind.NUMBER, text.substring(start, pos), start, pos);
  }

  private void digits() {
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  private Token plainString(int start) {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\'') {
        if (peek(1) == '\'') {
          out.append('\'');
          pos += 2;
          continue;
        }
        pos++;
        return new Token(Kind.STRING, out.toString(), start, pos);
      }
      out.append(c);
      pos++;
    }
    throw error(start, "string is not closed; add a ' at the end");
  }

  private Token escapedString(int start) {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\' && (peek(1) == '\'' || peek(1) == '\\')) {
        out.append(peek(1));
        pos += 2;
        continue;
      }
      if (c == '\'') {
        pos++;
        return new Token(Kind.STRING, out.toString(), start, pos);
      }
      out.append(c);
      pos++;
    }
    throw error(start, "string is not closed; add a ' at the end");
  }

  private char peek(int ahead) {
    int at = pos + ahead;
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private QuerySyntaxException error(int offset, String message) {
    return QuerySyntaxException.at(text, offset, message);
  }
}
