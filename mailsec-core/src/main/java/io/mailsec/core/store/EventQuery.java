package io.mailsec.core.store;

import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Predicate;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which events a search, count or aggregation looks at: the schemas, a predicate and a time range
 * on {@code event_time} (compared at microsecond precision, see {@link
 * io.mailsec.core.query.Operands#micros}).
 *
 * @param schemas schema names to search; empty means all
 * @param predicate the condition (use {@link MatchAll} for none)
 * @param from earliest event time, inclusive; null for unbounded
 * @param to latest event time, exclusive; null for unbounded
 */
public record EventQuery(Set<String> schemas, Predicate predicate, Instant from, Instant to) {
  public EventQuery {
    schemas = Set.copyOf(schemas);
    Objects.requireNonNull(predicate, "predicate");
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("time range ends before it starts");
    }
  }

  /** Every event. */
  public static EventQuery all() {
    return new EventQuery(Set.of(), new MatchAll(), null, null);
  }

  /** Every event matching {@code predicate}. */
  public static EventQuery where(Predicate predicate) {
    return new EventQuery(Set.of(), predicate, null, null);
  }

  public EventQuery withSchemas(String... names) {
    return new EventQuery(Set.of(names), predicate, from, to);
  }

  public EventQuery withPredicate(Predicate newPredicate) {
    return new EventQuery(schemas, newPredicate, from, to);
  }

  /** The same query restricted to {@code [newFrom, newTo)}; either end may be null. */
  public EventQuery between(Instant newFrom, Instant newTo) {
    return new EventQuery(schemas, predicate, newFrom, newTo);
  }
}
