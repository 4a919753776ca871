package io.mailsec.core.query;

/**
 * One method per {@link Predicate} node kind; see {@link Predicate#accept}.
 *
 * @param <R> what the walk produces, e.g. a backend query or a boolean
 */
public interface PredicateVisitor<R> {
  R visitComparison(Comparison comparison);

  R visitContains(Contains contains);

  /**
   * Default: rejects the node as unsupported. Transitional until every store translates the string
   * operators added with the query language (phase 2 makes these three methods abstract again, so
   * that a backend cannot silently lack them); core visitors override them.
   *
   * @throws IllegalArgumentException always, in this default
   */
  default R visitStartsWith(StartsWith startsWith) {
    throw unsupported("STARTSWITH");
  }

  /** Default: rejects the node, see {@link #visitStartsWith}. */
  default R visitEndsWith(EndsWith endsWith) {
    throw unsupported("ENDSWITH");
  }

  /** Default: rejects the node, see {@link #visitStartsWith}. */
  default R visitRegex(Regex regex) {
    throw unsupported("MATCHES_REGEX");
  }

  R visitIn(In in);

  R visitIsNull(IsNull isNull);

  R visitAnd(And and);

  R visitOr(Or or);

  R visitNot(Not not);

  R visitMatchAll(MatchAll matchAll);

  private static IllegalArgumentException unsupported(String operator) {
    return new IllegalArgumentException(operator + " is not supported by this backend yet");
  }
}
