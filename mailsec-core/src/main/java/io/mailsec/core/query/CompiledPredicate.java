package io.mailsec.core.query;

import io.mailsec.core.event.Event;

/**
 * A predicate prepared by {@link PredicateEvaluator#compile} for repeated evaluation: field types
 * resolved, operands parsed and literals folded once. It accepts exactly the events {@link
 * PredicateEvaluator#matches} accepts. Immutable and thread-safe.
 */
public final class CompiledPredicate {
  /** A compiled test against one event's fields. */
  interface Test {
    boolean test(EventFields fields);
  }

  private final Predicate source;
  private final Test test;

  CompiledPredicate(Predicate source, Test test) {
    this.source = source;
    this.test = test;
  }

  /** The predicate this was compiled from. */
  public Predicate source() {
    return source;
  }

  /**
   * @throws IllegalArgumentException when a regular expression is too expensive for a value
   */
  public boolean test(Event event) {
    return test.test(EventFields.of(event));
  }

  /**
   * Tests the event behind {@code fields}, reusing the values other predicates already looked up.
   *
   * @throws IllegalArgumentException when a regular expression is too expensive for a value
   */
  public boolean test(EventFields fields) {
    return test.test(fields);
  }
}
