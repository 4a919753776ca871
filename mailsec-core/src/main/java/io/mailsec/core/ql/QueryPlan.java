package io.mailsec.core.ql;

import io.mailsec.core.query.Predicate;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.SortKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A query ready to run: schemas resolved, logical types expanded, the time window fixed, and the
 * decision how a store answers it. {@link StoreQueryRunner} runs it against an {@link
 * io.mailsec.core.store.EventStore}, {@link MemoryQueryRunner} over a list of events; both give the
 * same result.
 *
 * @param query the query as parsed
 * @param schemas the schemas searched (FROM, or every schema that has all fields the condition
 *     names)
 * @param predicate the condition with logical types expanded to concrete fields
 * @param from start of the window on {@code event_time}, inclusive
 * @param to end of the window, exclusive
 * @param pipes the stages after {@code |}
 * @param storeStep what a store is asked for
 * @param residualPipes the stages still to run in memory on what the store returned
 */
public record QueryPlan(
    Query query,
    List<String> schemas,
    Predicate predicate,
    Instant from,
    Instant to,
    List<Pipe> pipes,
    StoreStep storeStep,
    List<Pipe> residualPipes) {
  public QueryPlan {
    Objects.requireNonNull(query, "query");
    schemas = List.copyOf(schemas);
    Objects.requireNonNull(predicate, "predicate");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    pipes = List.copyOf(pipes);
    Objects.requireNonNull(storeStep, "storeStep");
    residualPipes = List.copyOf(residualPipes);
  }

  /** The events the query looks at, as a store request. */
  public EventQuery eventQuery() {
    return new EventQuery(new LinkedHashSet<>(schemas), predicate, from, to);
  }

  /**
   * The expanded query as text, like Taegis's {@code expandedQuery}: explicit FROM, logical types
   * replaced by their fields, absolute EARLIEST and LATEST. It parses to the same plan.
   */
  public String explain() {
    return QueryPrinter.print(
        schemas, predicate, TimeBound.absolute(from), TimeBound.absolute(to), pipes);
  }

  /** How a store answers the query before the residual pipes run. */
  public sealed interface StoreStep {}

  /**
   * {@link io.mailsec.core.store.EventStore#search} with this sort and page size: the pipes start
   * with these sorts and, when {@code head} is true, a {@code | head limit}; otherwise the page
   * holds the first {@link QueryResult#MAX_ROWS} events and the result is truncated when more
   * matched.
   */
  public record SearchRows(List<SortKey> sort, int limit, boolean head) implements StoreStep {
    public SearchRows {
      sort = List.copyOf(sort);
    }
  }

  /** {@link io.mailsec.core.store.EventStore#count}: the query is {@code | aggregate count}. */
  public record Count() implements StoreStep {}

  /** {@link io.mailsec.core.store.EventStore#countBy}: {@code | aggregate count by f, ...}. */
  public record CountBy(List<String> fields, int limit) implements StoreStep {
    public CountBy {
      fields = List.copyOf(fields);
    }
  }

  /**
   * {@link io.mailsec.core.store.EventStore#histogram}: {@code | aggregate count by bin(event_time,
   * interval)}.
   */
  public record Histogram(Duration interval) implements StoreStep {}

  /**
   * {@link io.mailsec.core.store.EventStore#histogramBy}: {@code | aggregate count by
   * bin(event_time, interval), field}; a store without it scans all matching events instead.
   */
  public record HistogramBy(Duration interval, String field, int limit) implements StoreStep {}

  /**
   * Every matching event, newest first, page by page, so that all pipes run in memory (at most
   * {@link QueryOptions#maxScannedEvents()} events).
   */
  public record ScanAll() implements StoreStep {}
}
