package io.mailsec.core.ql;

/**
 * A query text that cannot be run: a syntax error, an unknown field or schema, an operator that
 * does not fit a field's type, a bad regular expression or literal, or a time window that is not
 * allowed. It is the only exception that parsing and planning throw for any input string.
 */
public final class QuerySyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient QueryError error;

  public QuerySyntaxException(QueryError error) {
    super(error.toString());
    this.error = error;
  }

  static QuerySyntaxException at(String text, int offset, String message) {
    return new QuerySyntaxException(QueryError.at(text, offset, message));
  }

  /** Where and what. */
  public QueryError error() {
    return error;
  }
}
