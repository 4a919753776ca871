package io.mailsec.core.ql;

import io.mailsec.core.query.Operands;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.schema.Schema;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SortKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns a parsed {@link Query} into a {@link QueryPlan}. */
final class QueryPlanner {
  private final SchemaRegistry registry;
  private final QueryOptions options;

  QueryPlanner(SchemaRegistry registry, QueryOptions options) {
    this.registry = registry;
    this.options = options;
  }

  /**
   * The part of a plan that does not depend on the time the query runs: the schemas and the
   * condition with logical types expanded. It may be kept and reused for the same query and text.
   */
  record Prepared(Query query, String text, List<Schema> schemas, Predicate predicate) {}

  /**
   * @param text the text the query was parsed from, to locate errors in (positions of directives
   *     and pipes refer to it)
   */
  QueryPlan plan(Query query, String text, Instant now) {
    return plan(prepare(query, text), now);
  }

  Prepared prepare(Query query, String text) {
    List<Schema> schemas = schemas(query, text);
    LogicalTypeExpansion expansion = new LogicalTypeExpansion(schemas);
    try {
      return new Prepared(query, text, List.copyOf(schemas), expansion.expand(query.where()));
    } catch (IllegalArgumentException e) {
      throw QuerySyntaxException.at(text, 0, e.getMessage());
    }
  }

  /** Fixes the time window for {@code now} and decides the store step. */
  QueryPlan plan(Prepared prepared, Instant now) {
    Query query = prepared.query();
    String text = prepared.text();
    List<Schema> schemas = prepared.schemas();
    Predicate predicate = prepared.predicate();
    Instant to = query.latest() == null ? now : query.latest().resolve(now);
    Instant from =
        query.earliest() == null
            ? to.minus(options.defaultWindow())
            : query.earliest().resolve(now);
    int windowAt = query.earliest() != null ? query.earliest().position() : 0;
    if (!from.isBefore(to)) {
      throw QuerySyntaxException.at(
          text,
          windowAt,
          "the time window is empty: EARLIEST ("
              + QueryPrinter.literal(from)
              + ") is not before LATEST ("
              + QueryPrinter.literal(to)
              + ")");
    }
    if (Duration.between(from, to).compareTo(options.maxWindow()) > 0) {
      throw QuerySyntaxException.at(
          text,
          windowAt,
          "the time window "
              + QueryPrinter.literal(from)
              + " to "
              + QueryPrinter.literal(to)
              + " is longer than the allowed "
              + QueryPrinter.duration(options.maxWindow()));
    }
    for (Pipe pipe : query.pipes()) {
      if (pipe instanceof Pipe.Aggregate a && a.isHistogram()) {
        checkBuckets(a, from, to, text);
      }
    }
    List<Pipe> pipes = query.pipes();
    int first = 0;
    Pipe.Sort lastSort = null;
    while (first < pipes.size()
        && (pipes.get(first) instanceof Pipe.Sort || pipes.get(first) instanceof Pipe.Fields)) {
      if (pipes.get(first) instanceof Pipe.Sort s) {
        lastSort = s;
      }
      first++;
    }
    QueryPlan.StoreStep step;
    List<Pipe> residual = pipes;
    Pipe next = first < pipes.size() ? pipes.get(first) : null;
    if (next == null) {
      step = new QueryPlan.SearchRows(sortKeys(lastSort), QueryResult.MAX_ROWS, false);
    } else if (next instanceof Pipe.Head head) {
      // Sorting and cutting again in memory is a no-op on what the store returns.
      step = new QueryPlan.SearchRows(sortKeys(lastSort), head.count(), true);
    } else if (next instanceof Pipe.Aggregate a && countsOnly(a)) {
      residual = pipes.subList(first + 1, pipes.size());
      int taken = Aggregator.rowsTaken(a, residual);
      int groups = taken > 0 ? taken : Aggregator.MAX_GROUPS + 1;
      if (a.groupBy().isEmpty()) {
        step = new QueryPlan.Count();
      } else if (a.isHistogram()) {
        step = new QueryPlan.Histogram(a.groupBy().get(0).bin());
      } else if (isSplitHistogram(a)) {
        step =
            new QueryPlan.HistogramBy(a.groupBy().get(0).bin(), a.groupBy().get(1).field(), groups);
      } else if (a.groupBy().stream().allMatch(k -> k.bin() == null)) {
        step =
            new QueryPlan.CountBy(a.groupBy().stream().map(Pipe.GroupKey::field).toList(), groups);
      } else {
        step = new QueryPlan.ScanAll();
        residual = pipes;
      }
    } else {
      step = new QueryPlan.ScanAll();
    }
    return new QueryPlan(
        query,
        schemas.stream().map(Schema::name).toList(),
        predicate,
        from,
        to,
        pipes,
        step,
        residual);
  }

  /** {@code count by bin(event_time, d), field}: a time series split by a field. */
  private static boolean isSplitHistogram(Pipe.Aggregate a) {
    return a.groupBy().size() == 2
        && a.groupBy().get(0).bin() != null
        && a.groupBy().get(0).field().equals("event_time")
        && a.groupBy().get(1).bin() == null;
  }

  private static boolean countsOnly(Pipe.Aggregate a) {
    return a.functions().equals(List.of(new Pipe.Aggregation(Pipe.Function.COUNT, null)));
  }

  private static List<SortKey> sortKeys(Pipe.Sort sort) {
    if (sort == null) {
      return List.of(SearchRequest.DEFAULT_SORT);
    }
    return sort.columns().stream().map(c -> new SortKey(c.column(), c.descending())).toList();
  }

  private static void checkBuckets(Pipe.Aggregate a, Instant from, Instant to, String text) {
    long width = Operands.micros(Instant.EPOCH.plus(a.groupBy().get(0).bin()));
    long firstBucket = Math.floorDiv(Operands.micros(from), width);
    long lastBucket = Math.floorDiv(Operands.micros(to) - 1, width);
    long buckets = lastBucket - firstBucket + 1;
    if (buckets > EventStore.MAX_HISTOGRAM_BUCKETS) {
      throw QuerySyntaxException.at(
          text,
          a.position(),
          a.groupBy().get(0).column()
              + " makes "
              + buckets
              + " buckets over the time window, more than "
              + EventStore.MAX_HISTOGRAM_BUCKETS
              + "; choose a wider bin or a shorter window");
    }
  }

  /**
   * FROM, or every event schema that has all the fields (and logical types) the condition names.
   */
  private List<Schema> schemas(Query query, String text) {
    if (!query.schemas().isEmpty()) {
      List<Schema> out = new ArrayList<>();
      for (String name : query.schemas()) {
        out.add(
            registry
                .schema(name)
                .orElseThrow(
                    () -> QuerySyntaxException.at(text, 0, "unknown schema '" + name + "'")));
      }
      return out;
    }
    Set<String> names = query.where().fields();
    List<Schema> out = new ArrayList<>();
    for (Schema schema : registry.implicitSchemas()) {
      if (names.stream().allMatch(n -> QueryChecker.has(schema, n))) {
        out.add(schema);
      }
    }
    if (out.isEmpty()) {
      throw QuerySyntaxException.at(
          text, 0, "no schema has all of the fields " + String.join(", ", names));
    }
    return out;
  }
}
