package io.mailsec.core.query;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A backend-neutral condition on one event: the abstract syntax tree that the query language
 * produces and that every {@link io.mailsec.core.store.EventStore} translates to its own query form
 * ({@link PredicateEvaluator} evaluates it in memory and is the reference semantics).
 *
 * <p>Semantics shared by all implementations (the store contract tests check them):
 *
 * <ul>
 *   <li>Fields are dotted paths of the schema registry, e.g. {@code attachments.sha256}. A field
 *       that no schema defines is an error ({@link IllegalArgumentException}); a field that the
 *       event's schema does not define is simply absent from that event.
 *   <li>A field with several values (repeated fields, fields inside repeated objects) matches when
 *       any of its values matches; {@code !=} matches when the field is set and no value equals.
 *   <li>String comparison ignores case: both sides are folded by {@link TextFolding#fold}.
 *   <li>How an operand is read depends on the field's type; see {@link Comparison}.
 * </ul>
 *
 * <p>Consumers walk the tree with a {@link PredicateVisitor}. Adding a node adds a visitor method,
 * so every backend stops compiling until it decides how to handle the new node instead of silently
 * ignoring it. The hierarchy is sealed for the same reason. (Exception, for now: {@link
 * StartsWith}, {@link EndsWith} and {@link Regex} have default visitor methods that reject them
 * with {@link IllegalArgumentException}, until every store translates them.)
 */
public sealed interface Predicate
    permits Comparison, Contains, StartsWith, EndsWith, Regex, In, IsNull, And, Or, Not, MatchAll {

  /** Dispatches to the visitor method for this node's kind. */
  <R> R accept(PredicateVisitor<R> visitor);

  /** Every field path this predicate refers to, in first-use order. */
  default Set<String> fields() {
    Set<String> out = new LinkedHashSet<>();
    accept(new FieldCollector(out));
    return out;
  }
}
