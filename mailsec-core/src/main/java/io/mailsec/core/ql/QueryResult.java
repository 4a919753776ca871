package io.mailsec.core.ql;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.FieldType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** What a query produces: events, or the table of an aggregate. */
public sealed interface QueryResult {
  /** The most rows a result holds; see {@code truncated}. */
  int MAX_ROWS = Pipe.MAX_ROWS;

  /**
   * Events, in the order the pipes left them (newest first without {@code | sort}).
   *
   * @param events at most {@link #MAX_ROWS} events, whole (a {@code | fields} stage does not cut
   *     values out of them)
   * @param fields the columns to show, from the last {@code | fields} stage; empty means all
   * @param matched how many events matched the query before the pipes ran
   * @param truncated true when the pipes left more than {@link #MAX_ROWS} rows and only the first
   *     ones are here
   */
  record Events(List<Event> events, List<String> fields, long matched, boolean truncated)
      implements QueryResult {
    public Events {
      events = List.copyOf(events);
      fields = List.copyOf(fields);
    }
  }

  /**
   * The rows of an aggregate, after any later pipes.
   *
   * @param columns names and types of the columns, group keys first
   * @param rows at most {@link #MAX_ROWS} rows, one value per column; null where a function had no
   *     value to read (e.g. {@code min(f)} of a group without {@code f}). Keyword values are folded
   *     to lower case, ip addresses are canonical text, timestamps are instants
   * @param truncated true when more rows existed and only the first ones are here
   */
  record Table(List<Column> columns, List<List<Object>> rows, boolean truncated)
      implements QueryResult {
    public Table {
      columns = List.copyOf(columns);
      List<List<Object>> copy = new ArrayList<>(rows.size());
      for (List<Object> row : rows) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException("a row needs one value per column");
        }
        copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
      }
      rows = Collections.unmodifiableList(copy);
    }

    /** The index of a column. */
    public int indexOf(String column) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(column)) {
          return i;
        }
      }
      throw new IllegalArgumentException("no column '" + column + "'");
    }
  }

  /** A column of a {@link Table}. */
  record Column(String name, FieldType type) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }
}
