package io.mailsec.core.ql;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.HistogramBucket;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.TermsBucket;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link QueryPlan} against an {@link EventStore}: the plan's {@link QueryPlan#storeStep()}
 * becomes one store call (or a scan of all matching events, page by page), and the residual pipes
 * run in memory on its answer. The result equals {@link MemoryQueryRunner}'s over the same events.
 * Thread-safe.
 */
public final class StoreQueryRunner {
  private final FieldTypes types;
  private final QueryOptions options;
  private final Pipeline pipeline;

  public StoreQueryRunner(SchemaRegistry registry, QueryOptions options) {
    this.types = FieldTypes.of(registry);
    this.options = options;
    this.pipeline = new Pipeline(types);
  }

  /**
   * @throws IllegalArgumentException when the store rejects the request, or when the query would
   *     need more than {@link QueryOptions#maxScannedEvents()} events in memory
   */
  public QueryResult run(QueryPlan plan, EventStore store) {
    EventQuery query = plan.eventQuery();
    QueryPlan.StoreStep step = plan.storeStep();
    if (step instanceof QueryPlan.SearchRows rows) {
      SearchResult page = store.search(new SearchRequest(query, rows.sort(), rows.limit(), null));
      QueryResult result =
          pipeline.run(
              page.events(), page.totalHits(), plan.residualPipes(), plan.from(), plan.to());
      boolean cut = !rows.head() && page.totalHits() > rows.limit();
      if (cut && result instanceof QueryResult.Events events) {
        return new QueryResult.Events(events.events(), events.fields(), events.matched(), true);
      }
      return result;
    }
    if (step instanceof QueryPlan.Count) {
      QueryResult.Table table =
          new QueryResult.Table(
              List.of(new QueryResult.Column("count", FieldType.LONG)),
              List.of(List.of(store.count(query))),
              false);
      return pipeline.continueTable(table, plan.residualPipes());
    }
    if (step instanceof QueryPlan.CountBy countBy) {
      List<TermsBucket> buckets = store.countBy(query, countBy.fields(), countBy.limit());
      return pipeline.continueTable(groups(plan, buckets), plan.residualPipes());
    }
    if (step instanceof QueryPlan.Histogram histogram) {
      Pipe.Aggregate aggregate = firstAggregate(plan);
      List<List<Object>> rows = new ArrayList<>();
      for (HistogramBucket bucket : store.histogram(query, histogram.interval())) {
        rows.add(List.of(bucket.start(), bucket.count()));
      }
      return pipeline.continueTable(
          new QueryResult.Table(new Aggregator(types).columns(aggregate), rows, false),
          plan.residualPipes());
    }
    if (step instanceof QueryPlan.HistogramBy split) {
      List<TermsBucket> buckets;
      try {
        buckets = store.histogramBy(query, split.interval(), split.field(), split.limit());
      } catch (UnsupportedOperationException e) {
        return scan(plan, query, store);
      }
      return pipeline.continueTable(groups(plan, buckets), plan.residualPipes());
    }
    return scan(plan, query, store);
  }

  /**
   * The table of the plan's aggregate from the store's groups: a row per group (its key values,
   * then its count), at most {@link Aggregator#MAX_GROUPS}, truncated when the store had more.
   */
  private QueryResult.Table groups(QueryPlan plan, List<TermsBucket> buckets) {
    List<List<Object>> rows = new ArrayList<>();
    for (TermsBucket bucket : buckets.subList(0, Math.min(buckets.size(), Aggregator.MAX_GROUPS))) {
      List<Object> row = new ArrayList<>(bucket.key());
      row.add(bucket.count());
      rows.add(row);
    }
    return new QueryResult.Table(
        new Aggregator(types).columns(firstAggregate(plan)),
        rows,
        buckets.size() > Aggregator.MAX_GROUPS);
  }

  /** Loads every matching event, newest first, and runs all pipes in memory. */
  private QueryResult scan(QueryPlan plan, EventQuery query, EventStore store) {
    List<Event> events = new ArrayList<>();
    SearchRequest request = new SearchRequest(query, List.of(), SearchRequest.MAX_LIMIT, null);
    long total;
    while (true) {
      SearchResult page = store.search(request);
      total = page.totalHits();
      if (total > options.maxScannedEvents()) {
        throw new IllegalArgumentException(
            "the query's pipes need all "
                + total
                + " matching events in memory, more than the "
                + options.maxScannedEvents()
                + " allowed; narrow the condition or the time window, or start the pipes with"
                + " | head N");
      }
      events.addAll(page.events());
      if (page.nextCursor() == null) {
        break;
      }
      request = request.after(page.nextCursor());
    }
    return pipeline.run(events, total, plan.pipes(), plan.from(), plan.to());
  }

  private static Pipe.Aggregate firstAggregate(QueryPlan plan) {
    return plan.pipes().stream()
        .filter(Pipe.Aggregate.class::isInstance)
        .map(Pipe.Aggregate.class::cast)
        .findFirst()
        .orElseThrow();
  }
}
