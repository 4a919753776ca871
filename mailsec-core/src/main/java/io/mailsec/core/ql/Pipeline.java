package io.mailsec.core.ql;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.store.SortKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs pipes in memory, the one implementation both runners share: over events (in the default
 * order, newest first) and, after an aggregate, over its table.
 */
final class Pipeline {
  private final FieldTypes types;
  private final Aggregator aggregator;

  Pipeline(FieldTypes types) {
    this.types = types;
    this.aggregator = new Aggregator(types);
  }

  /**
   * @param events the matching events in the default order
   * @param matched how many events matched (reported in the result)
   */
  QueryResult run(List<Event> events, long matched, List<Pipe> pipes, Instant from, Instant to) {
    List<Event> rows = events;
    List<String> fields = List.of();
    for (int i = 0; i < pipes.size(); i++) {
      Pipe pipe = pipes.get(i);
      if (pipe instanceof Pipe.Aggregate a) {
        List<Pipe> after = pipes.subList(i + 1, pipes.size());
        QueryResult.Table table = aggregator.aggregate(rows, a, from, to);
        if (Aggregator.rowsTaken(a, after) > 0) {
          table = new QueryResult.Table(table.columns(), table.rows(), false);
        }
        return continueTable(table, after);
      } else if (pipe instanceof Pipe.Sort s) {
        List<SortKey> keys =
            s.columns().stream().map(c -> new SortKey(c.column(), c.descending())).toList();
        rows = new ArrayList<>(rows);
        rows.sort(EventOrder.of(keys, types));
      } else if (pipe instanceof Pipe.Head h) {
        rows = rows.subList(0, Math.min(h.count(), rows.size()));
      } else if (pipe instanceof Pipe.Tail t) {
        rows = rows.subList(Math.max(0, rows.size() - t.count()), rows.size());
      } else if (pipe instanceof Pipe.Fields f) {
        fields = f.columns();
      }
    }
    boolean truncated = rows.size() > QueryResult.MAX_ROWS;
    if (truncated) {
      rows = rows.subList(0, QueryResult.MAX_ROWS);
    }
    return new QueryResult.Events(rows, fields, matched, truncated);
  }

  /** Runs the pipes after an aggregate over its table. */
  QueryResult.Table continueTable(QueryResult.Table table, List<Pipe> pipes) {
    List<QueryResult.Column> columns = table.columns();
    List<List<Object>> rows = table.rows();
    for (Pipe pipe : pipes) {
      if (pipe instanceof Pipe.Sort s) {
        rows = new ArrayList<>(rows);
        rows.sort(tableOrder(s, columns));
      } else if (pipe instanceof Pipe.Head h) {
        rows = rows.subList(0, Math.min(h.count(), rows.size()));
      } else if (pipe instanceof Pipe.Tail t) {
        rows = rows.subList(Math.max(0, rows.size() - t.count()), rows.size());
      } else if (pipe instanceof Pipe.Fields f) {
        List<Integer> picked = new ArrayList<>();
        for (String name : f.columns()) {
          picked.add(indexOf(columns, name));
        }
        List<QueryResult.Column> kept = new ArrayList<>();
        for (int i : picked) {
          kept.add(columns.get(i));
        }
        List<List<Object>> projected = new ArrayList<>();
        for (List<Object> row : rows) {
          List<Object> out = new ArrayList<>();
          picked.forEach(i -> out.add(row.get(i)));
          projected.add(out);
        }
        columns = kept;
        rows = projected;
      } else {
        throw new IllegalArgumentException("a query can have only one aggregate");
      }
    }
    return new QueryResult.Table(columns, rows, table.truncated());
  }

  /** Sorts rows by the columns, empty values last in both directions; ties keep their order. */
  private static Comparator<List<Object>> tableOrder(
      Pipe.Sort sort, List<QueryResult.Column> columns) {
    List<int[]> keys = new ArrayList<>();
    for (Pipe.SortColumn c : sort.columns()) {
      keys.add(new int[] {indexOf(columns, c.column()), c.descending() ? -1 : 1});
    }
    return (x, y) -> {
      for (int[] key : keys) {
        Object a = x.get(key[0]);
        Object b = y.get(key[0]);
        if (a == null || b == null) {
          if (a != b) {
            return a == null ? 1 : -1;
          }
          continue;
        }
        int c = TypedValues.compareKeys(a, b);
        if (c != 0) {
          return c * key[1];
        }
      }
      return 0;
    };
  }

  private static int indexOf(List<QueryResult.Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column '" + name + "' after the aggregate");
  }
}
