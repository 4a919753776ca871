package io.mailsec.core.query;

import java.util.Set;

/** Adds every field a predicate refers to into a set (see {@link Predicate#fields()}). */
final class FieldCollector implements PredicateVisitor<Void> {
  private final Set<String> out;

  FieldCollector(Set<String> out) {
    this.out = out;
  }

  @Override
  public Void visitComparison(Comparison comparison) {
    out.add(comparison.field());
    return null;
  }

  @Override
  public Void visitContains(Contains contains) {
    out.add(contains.field());
    return null;
  }

  @Override
  public Void visitStartsWith(StartsWith startsWith) {
    out.add(startsWith.field());
    return null;
  }

  @Override
  public Void visitEndsWith(EndsWith endsWith) {
    out.add(endsWith.field());
    return null;
  }

  @Override
  public Void visitRegex(Regex regex) {
    out.add(regex.field());
    return null;
  }

  @Override
  public Void visitIn(In in) {
    out.add(in.field());
    return null;
  }

  @Override
  public Void visitIsNull(IsNull isNull) {
    out.add(isNull.field());
    return null;
  }

  @Override
  public Void visitAnd(And and) {
    and.operands().forEach(p -> p.accept(this));
    return null;
  }

  @Override
  public Void visitOr(Or or) {
    or.operands().forEach(p -> p.accept(this));
    return null;
  }

  @Override
  public Void visitNot(Not not) {
    not.operand().accept(this);
    return null;
  }

  @Override
  public Void visitMatchAll(MatchAll matchAll) {
    return null;
  }
}
