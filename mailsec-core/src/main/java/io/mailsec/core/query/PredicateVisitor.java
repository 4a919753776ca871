package io.mailsec.core.query;

/**
 * One method per {@link Predicate} node kind; see {@link Predicate#accept}.
 *
 * @param <R> what the walk produces, e.g. a backend query or a boolean
 */
public interface PredicateVisitor<R> {
  R visitComparison(Comparison comparison);

  R visitContains(Contains contains);

  R visitIn(In in);

  R visitIsNull(IsNull isNull);

  R visitAnd(And and);

  R visitOr(Or or);

  R visitNot(Not not);

  R visitMatchAll(MatchAll matchAll);
}
