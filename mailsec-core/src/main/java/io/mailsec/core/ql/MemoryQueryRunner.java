package io.mailsec.core.ql;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.CompiledPredicate;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.Operands;
import io.mailsec.core.query.PredicateEvaluator;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.SearchRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs a {@link QueryPlan} over events in memory, with the same results as {@link StoreQueryRunner}
 * over a store holding the same events. Used by streaming detection, tests that duel a store
 * against it, and small data sets. Thread-safe.
 */
public final class MemoryQueryRunner {
  private final FieldTypes types;
  private final PredicateEvaluator evaluator;
  private final Pipeline pipeline;

  public MemoryQueryRunner(SchemaRegistry registry) {
    this.types = FieldTypes.of(registry);
    this.evaluator = new PredicateEvaluator(registry);
    this.pipeline = new Pipeline(types);
  }

  /**
   * The result of the whole query (condition, schemas, time window and pipes) over {@code events}.
   *
   * @throws IllegalArgumentException when a regular expression is too expensive for a value or a
   *     sum overflows
   */
  public QueryResult run(QueryPlan plan, Collection<Event> events) {
    List<Event> matching = new ArrayList<>();
    CompiledPredicate condition = null;
    for (Event event : events) {
      if (!inWindow(plan, event) || !plan.schemas().contains(event.schema())) {
        continue;
      }
      if (condition == null) {
        // Compiled only once an event gets this far, so a bad condition fails exactly when the
        // event-by-event evaluation would.
        condition = evaluator.compile(plan.predicate());
      }
      if (condition.test(event)) {
        matching.add(event);
      }
    }
    matching.sort(EventOrder.of(List.of(SearchRequest.DEFAULT_SORT), types));
    return pipeline.run(matching, matching.size(), plan.pipes(), plan.from(), plan.to());
  }

  /**
   * Whether the event is of a searched schema, inside the time window and matches the condition.
   */
  public boolean matches(QueryPlan plan, Event event) {
    return inWindow(plan, event) && matchesIgnoringTime(plan, event);
  }

  private static boolean inWindow(QueryPlan plan, Event event) {
    Instant time = event.eventTime();
    if (time == null) {
      return false;
    }
    long micros = Operands.micros(time);
    return micros >= Operands.micros(plan.from()) && micros < Operands.micros(plan.to());
  }

  /**
   * Whether the event is of a searched schema and matches the condition, whatever its time: how a
   * streaming rule applies a query to events in flight.
   */
  public boolean matchesIgnoringTime(QueryPlan plan, Event event) {
    return plan.schemas().contains(event.schema()) && evaluator.matches(plan.predicate(), event);
  }
}
