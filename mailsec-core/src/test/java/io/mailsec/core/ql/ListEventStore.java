package io.mailsec.core.ql;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.Operands;
import io.mailsec.core.query.PredicateEvaluator;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.HistogramBucket;
import io.mailsec.core.store.LedgerQuery;
import io.mailsec.core.store.RetentionResult;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.core.store.StreamStats;
import io.mailsec.core.store.TermsBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only {@link EventStore} over a fixed list, answering the read calls the query runner uses
 * and recording them, so tests can check which store calls a plan makes. It is no reference for
 * store semantics (it reuses the in-memory query code); the real stores are checked by the store
 * contract suite and their duels.
 */
final class ListEventStore implements EventStore {
  private final List<Event> events;
  private final FieldTypes types;
  private final PredicateEvaluator evaluator;
  final List<String> calls = new ArrayList<>();
  private boolean histogramBy = true;

  ListEventStore(SchemaRegistry registry, List<Event> events) {
    this.events = List.copyOf(events);
    this.types = FieldTypes.of(registry);
    this.evaluator = new PredicateEvaluator(registry);
  }

  /**
   * This store, answering {@link #histogramBy} like a store without it (recorded, then refused).
   */
  ListEventStore withoutHistogramBy() {
    histogramBy = false;
    return this;
  }

  private List<Event> matching(EventQuery query) {
    List<Event> out = new ArrayList<>();
    for (Event e : events) {
      long t = Operands.micros(e.eventTime());
      if ((query.schemas().isEmpty() || query.schemas().contains(e.schema()))
          && (query.from() == null || t >= Operands.micros(query.from()))
          && (query.to() == null || t < Operands.micros(query.to()))
          && evaluator.matches(query.predicate(), e)) {
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public SearchResult search(SearchRequest request) {
    calls.add("search " + request.sort() + " " + request.limit());
    List<Event> all = matching(request.query());
    all.sort(EventOrder.of(request.sort(), types));
    int start = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
    int end = Math.min(all.size(), start + request.limit());
    return new SearchResult(
        all.subList(start, end), all.size(), end < all.size() ? Integer.toString(end) : null);
  }

  @Override
  public long count(EventQuery query) {
    calls.add("count");
    return matching(query).size();
  }

  @Override
  public List<TermsBucket> countBy(EventQuery query, List<String> fields, int limit) {
    calls.add("countBy " + fields + " " + limit);
    Pipe.Aggregate aggregate =
        new Pipe.Aggregate(
            List.of(new Pipe.Aggregation(Pipe.Function.COUNT, null)),
            fields.stream().map(f -> new Pipe.GroupKey(f, null)).toList(),
            0);
    QueryResult.Table table =
        new Aggregator(types)
            .aggregate(matching(query), aggregate, Instant.EPOCH, Instant.EPOCH, limit);
    List<TermsBucket> out = new ArrayList<>();
    for (List<Object> row : table.rows().subList(0, Math.min(limit, table.rows().size()))) {
      out.add(new TermsBucket(row.subList(0, fields.size()), (Long) row.get(fields.size())));
    }
    return out;
  }

  @Override
  public List<HistogramBucket> histogram(EventQuery query, Duration interval) {
    calls.add("histogram " + interval);
    Pipe.Aggregate aggregate =
        new Pipe.Aggregate(
            List.of(new Pipe.Aggregation(Pipe.Function.COUNT, null)),
            List.of(new Pipe.GroupKey("event_time", interval)),
            0);
    QueryResult.Table table =
        new Aggregator(types).aggregate(matching(query), aggregate, query.from(), query.to());
    return table.rows().stream()
        .map(r -> new HistogramBucket((Instant) r.get(0), (Long) r.get(1)))
        .toList();
  }

  @Override
  public List<TermsBucket> histogramBy(
      EventQuery query, Duration interval, String field, int limit) {
    calls.add("histogramBy " + interval + " " + field + " " + limit);
    if (!histogramBy) {
      return EventStore.super.histogramBy(query, interval, field, limit);
    }
    Pipe.Aggregate aggregate =
        new Pipe.Aggregate(
            List.of(new Pipe.Aggregation(Pipe.Function.COUNT, null)),
            List.of(new Pipe.GroupKey("event_time", interval), new Pipe.GroupKey(field, null)),
            0);
    QueryResult.Table table =
        new Aggregator(types)
            .aggregate(matching(query), aggregate, query.from(), query.to(), limit);
    return table.rows().stream()
        .map(r -> new TermsBucket(r.subList(0, 2), (Long) r.get(2)))
        .toList();
  }

  @Override
  public void commit(StoreBatch batch) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<Checkpoint> checkpoint(StreamId stream) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<QuarantinedRecord> quarantined(LedgerQuery query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<Gap> gaps(LedgerQuery query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<StreamStats> streamStats() {
    throw new UnsupportedOperationException();
  }

  @Override
  public RetentionResult deleteOlderThan(Instant cutoff) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
