package io.mailsec.core.ql;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.Operands;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.store.SearchRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs {@code | aggregate} in memory with the semantics of {@link
 * io.mailsec.core.store.EventStore#countBy} and {@link io.mailsec.core.store.EventStore#histogram}:
 * an event with several values in a key field is in one group per distinct value (per combination
 * for several keys); an event without a value for a key is in no group; keys are typed like {@link
 * io.mailsec.core.store.TermsBucket}. A plain histogram ({@link Pipe.Aggregate#isHistogram()})
 * lists every bucket of the time window, empty ones with count 0.
 *
 * <p>Row order: with a time bin among the keys, by the keys ascending; otherwise, when there is a
 * plain {@code count}, largest count first, then keys ascending; otherwise keys ascending. At most
 * {@link #MAX_GROUPS} rows are kept (the first in that order).
 */
final class Aggregator {
  /**
   * The most groups an aggregate returns: one less than a store's countBy limit, so that a store's
   * answer tells whether there were more.
   */
  static final int MAX_GROUPS = SearchRequest.MAX_LIMIT - 1;

  private final FieldTypes types;

  /**
   * N when {@code after} (the pipes following the aggregate) starts by taking the aggregate's first
   * N rows in its row order: {@code head N} right after it, or after a {@code sort count desc} that
   * keeps rows already ordered largest count first; N is at most {@link #MAX_GROUPS}. Those rows
   * are the same whatever the group limit, so a store need only return N groups and the result is
   * not truncated. Otherwise -1.
   */
  static int rowsTaken(Pipe.Aggregate a, List<Pipe> after) {
    int at = 0;
    if (!after.isEmpty()
        && after.get(0) instanceof Pipe.Sort sort
        && sort.columns().equals(List.of(new Pipe.SortColumn("count", true)))
        && a.groupBy().stream().allMatch(k -> k.bin() == null)
        && a.functions().contains(new Pipe.Aggregation(Pipe.Function.COUNT, null))) {
      at = 1;
    }
    if (after.size() > at
        && after.get(at) instanceof Pipe.Head head
        && head.count() <= MAX_GROUPS) {
      return head.count();
    }
    return -1;
  }

  Aggregator(FieldTypes types) {
    this.types = types;
  }

  /** The columns an aggregate produces. */
  List<QueryResult.Column> columns(Pipe.Aggregate a) {
    List<QueryResult.Column> out = new ArrayList<>();
    for (Pipe.GroupKey key : a.groupBy()) {
      out.add(new QueryResult.Column(key.column(), types.require(key.field())));
    }
    for (Pipe.Aggregation f : a.functions()) {
      FieldType fieldType = f.field() == null ? FieldType.LONG : types.require(f.field());
      out.add(new QueryResult.Column(f.column(), f.type(fieldType)));
    }
    return out;
  }

  QueryResult.Table aggregate(List<Event> events, Pipe.Aggregate a, Instant from, Instant to) {
    return aggregate(events, a, from, to, MAX_GROUPS);
  }

  /** Like {@link #aggregate(List, Pipe.Aggregate, Instant, Instant)} with another group limit. */
  QueryResult.Table aggregate(
      List<Event> events, Pipe.Aggregate a, Instant from, Instant to, int maxGroups) {
    Map<List<Object>, Accumulator[]> groups = new LinkedHashMap<>();
    if (a.isHistogram()) {
      long width = micros(a);
      long first = Math.floorDiv(Operands.micros(from), width);
      long last = Math.floorDiv(Operands.micros(to) - 1, width);
      for (long b = first; b <= last; b++) {
        groups.put(List.of(TypedValues.ofMicros(b * width)), accumulators(a));
      }
    }
    for (Event event : events) {
      for (List<Object> key : keys(event, a)) {
        Accumulator[] acc = groups.computeIfAbsent(key, k -> accumulators(a));
        for (Accumulator x : acc) {
          x.add(event);
        }
      }
    }
    if (a.groupBy().isEmpty() && groups.isEmpty()) {
      groups.put(List.of(), accumulators(a));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<List<Object>, Accumulator[]> group : groups.entrySet()) {
      List<Object> row = new ArrayList<>(group.getKey());
      for (Accumulator x : group.getValue()) {
        row.add(x.result());
      }
      rows.add(row);
    }
    rows.sort(order(a));
    boolean truncated = !a.isHistogram() && rows.size() > maxGroups;
    if (truncated) {
      rows = rows.subList(0, maxGroups);
    }
    return new QueryResult.Table(columns(a), rows, truncated);
  }

  /** The row order described in the class comment, for rows of group keys then functions. */
  static Comparator<List<Object>> order(Pipe.Aggregate a) {
    int keys = a.groupBy().size();
    Comparator<List<Object>> byKeys =
        (x, y) -> {
          for (int i = 0; i < keys; i++) {
            int c = TypedValues.compareKeys(x.get(i), y.get(i));
            if (c != 0) {
              return c;
            }
          }
          return 0;
        };
    boolean binned = a.groupBy().stream().anyMatch(k -> k.bin() != null);
    int count = a.functions().indexOf(new Pipe.Aggregation(Pipe.Function.COUNT, null));
    if (binned || count < 0) {
      return byKeys;
    }
    int column = keys + count;
    Comparator<List<Object>> byCount =
        (x, y) -> Long.compare((Long) y.get(column), (Long) x.get(column));
    return byCount.thenComparing(byKeys);
  }

  private static long micros(Pipe.Aggregate a) {
    return Operands.micros(Instant.EPOCH.plus(a.groupBy().get(0).bin()));
  }

  /** Every combination of the event's key values, each once. */
  private List<List<Object>> keys(Event event, Pipe.Aggregate a) {
    List<List<Object>> combinations = new ArrayList<>();
    combinations.add(List.of());
    for (Pipe.GroupKey key : a.groupBy()) {
      FieldType type = types.require(key.field());
      Set<Object> values = new LinkedHashSet<>();
      for (Object v : event.get(key.field())) {
        Object k = TypedValues.groupKey(type, v);
        if (k instanceof Instant i && key.bin() != null) {
          long width = Operands.micros(Instant.EPOCH.plus(key.bin()));
          k = TypedValues.ofMicros(Math.floorDiv(Operands.micros(i), width) * width);
        }
        if (k != null) {
          values.add(k);
        }
      }
      List<List<Object>> next = new ArrayList<>();
      for (List<Object> prefix : combinations) {
        for (Object v : values) {
          List<Object> longer = new ArrayList<>(prefix);
          longer.add(v);
          next.add(longer);
        }
      }
      combinations = next;
    }
    return combinations;
  }

  private Accumulator[] accumulators(Pipe.Aggregate a) {
    Accumulator[] out = new Accumulator[a.functions().size()];
    for (int i = 0; i < out.length; i++) {
      Pipe.Aggregation f = a.functions().get(i);
      FieldType type = f.field() == null ? null : types.require(f.field());
      out[i] = new Accumulator(f, type);
    }
    return out;
  }

  /** The running value of one function in one group. */
  private static final class Accumulator {
    private final Pipe.Aggregation function;
    private final FieldType type;
    private long count;
    private final Set<Object> distinct = new HashSet<>();
    private Object extreme;
    private long longSum;
    private double doubleSum;
    private long values;

    Accumulator(Pipe.Aggregation function, FieldType type) {
      this.function = function;
      this.type = type;
    }

    void add(Event event) {
      if (function.field() == null) {
        count++;
        return;
      }
      List<Object> raw = event.get(function.field());
      if (function.function() == Pipe.Function.COUNT) {
        count += raw.isEmpty() ? 0 : 1;
        return;
      }
      for (Object v : raw) {
        Object k = TypedValues.groupKey(type, v);
        if (k != null) {
          add(k);
        }
      }
    }

    private void add(Object value) {
      values++;
      switch (function.function()) {
        case DISTINCT -> distinct.add(value);
        case MIN, MAX -> {
          if (extreme == null) {
            extreme = value;
          } else {
            int c = TypedValues.compareKeys(value, extreme);
            if (function.function() == Pipe.Function.MIN ? c < 0 : c > 0) {
              extreme = value;
            }
          }
        }
        case SUM, AVG -> {
          if (value instanceof Long l) {
            try {
              longSum = Math.addExact(longSum, l);
            } catch (ArithmeticException e) {
              throw new IllegalArgumentException(function.column() + " overflows");
            }
            doubleSum += l;
          } else {
            doubleSum += (Double) value;
          }
        }
        case COUNT -> throw new IllegalStateException("counted in add(Event)");
      }
    }

    Object result() {
      return switch (function.function()) {
        case COUNT -> count;
        case DISTINCT -> (long) distinct.size();
        case MIN, MAX -> extreme;
        case SUM -> values == 0 ? null : type == FieldType.LONG ? (Object) longSum : doubleSum;
        case AVG -> values == 0 ? null : doubleSum / values;
      };
    }
  }
}
