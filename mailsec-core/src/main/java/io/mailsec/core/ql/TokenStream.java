package io.mailsec.core.ql;

import io.mailsec.core.ql.Token.Kind;
import java.util.List;

/** The tokens of one query text with a read position, shared by the parsers of its parts. */
final class TokenStream {
  private final String text;
  private final List<Token> tokens;
  private int index;

  TokenStream(String text) {
    this.text = text;
    this.tokens = Lexer.tokenize(text);
  }

  String text() {
    return text;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  /** Returns the current token and moves past it (never past the end). */
  Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Kind.EOF) {
      index++;
    }
    return t;
  }

  boolean accept(Kind kind) {
    if (peek().kind() == kind) {
      next();
      return true;
    }
    return false;
  }

  Token expect(Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw error(t, "expected " + what + ", found " + t.describe());
    }
    return next();
  }

  /** {@code line:column} of a token, for messages that refer to another place. */
  String position(Token t) {
    QueryError at = QueryError.at(text, t.offset(), "");
    return at.line() + ":" + at.column();
  }

  QuerySyntaxException error(Token at, String message) {
    return QuerySyntaxException.at(text, at.offset(), message);
  }
}
