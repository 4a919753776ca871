package io.mailsec.core.query;

/**
 * One method per {@link Predicate} node kind; see {@link Predicate#accept}.
 *
 * @param <R> what the walk produces, e.g. a backend query or a boolean
 */
public interface PredicateVisitor<R> {
  R visitComparison(Comparison comparison);

  R visitContains(Contains contains);

  R visitStartsWith(StartsWith startsWith);

  R visitEndsWith(EndsWith endsWith);

  /**
   * A backend must decide each value with {@link Regex#matches}, which fixes the flags and bounds
   * the work per value.
   */
  R visitRegex(Regex regex);

  R visitIn(In in);

  R visitIsNull(IsNull isNull);

  R visitAnd(And and);

  R visitOr(Or or);

  R visitNot(Not not);

  R visitMatchAll(MatchAll matchAll);
}
