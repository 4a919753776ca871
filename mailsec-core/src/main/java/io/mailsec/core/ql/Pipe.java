package io.mailsec.core.ql;

import io.mailsec.core.schema.FieldType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One stage after {@code |}. Stages run left to right over the rows the previous stage produced:
 * first the matching events (newest first), after an {@link Aggregate} the rows of its table.
 */
public sealed interface Pipe {
  /** The largest row count {@link Head} and {@link Tail} accept. */
  int MAX_ROWS = 10_000;

  /** {@code | head N}: the first N rows. */
  record Head(int count) implements Pipe {
    public Head {
      requireRowCount(count, "head");
    }
  }

  /** {@code | tail N}: the last N rows, in their current order. */
  record Tail(int count) implements Pipe {
    public Tail {
      requireRowCount(count, "tail");
    }
  }

  /** {@code | sort a [asc|desc], ...}: reorders the rows; see docs/query-language.md. */
  record Sort(List<SortColumn> columns) implements Pipe {
    public Sort {
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("sort needs a column");
      }
    }
  }

  /** One column of {@link Sort}. */
  record SortColumn(String column, boolean descending) {
    public SortColumn {
      Objects.requireNonNull(column, "column");
    }
  }

  /** {@code | fields a, b}: the columns to show; values stay available to later stages. */
  record Fields(List<String> columns) implements Pipe {
    public Fields {
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("fields needs a column");
      }
    }
  }

  /**
   * {@code | aggregate f, ... [by k, ...]}: one row per group of events, with a column per group
   * key and per function.
   *
   * @param position char offset of the stage in the query text, for error messages
   */
  record Aggregate(List<Aggregation> functions, List<GroupKey> groupBy, int position)
      implements Pipe {
    public Aggregate {
      functions = List.copyOf(functions);
      groupBy = List.copyOf(groupBy);
      if (functions.isEmpty()) {
        throw new IllegalArgumentException("aggregate needs a function");
      }
    }

    /** True for a plain histogram: only counts, grouped by one bin of {@code event_time}. */
    public boolean isHistogram() {
      return groupBy.size() == 1
          && groupBy.get(0).bin() != null
          && groupBy.get(0).field().equals("event_time")
          && functions.stream().allMatch(f -> f.function() == Function.COUNT && f.field() == null);
    }
  }

  /** An aggregate function. */
  enum Function {
    /**
     * Events in the group ({@code count}), or those with a value for the field ({@code count(f)}).
     */
    COUNT,
    /** Distinct values of the field in the group (keywords compared folded). */
    DISTINCT,
    MIN,
    MAX,
    SUM,
    AVG;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One function of {@link Aggregate}.
   *
   * @param field the field it reads; null only for a plain {@code count}
   */
  record Aggregation(Function function, String field) {
    public Aggregation {
      Objects.requireNonNull(function, "function");
      if (field == null && function != Function.COUNT) {
        throw new IllegalArgumentException(function.wireName() + " needs a field");
      }
    }

    /** The column it produces: {@code count}, {@code avg(message_size)}, ... */
    public String column() {
      return field == null ? "count" : function.wireName() + "(" + field + ")";
    }

    /** The type of its values, given the type of its field (ignored for counts). */
    public FieldType type(FieldType fieldType) {
      return switch (function) {
        case COUNT, DISTINCT -> FieldType.LONG;
        case AVG -> FieldType.DOUBLE;
        case MIN, MAX, SUM -> fieldType;
      };
    }
  }

  /**
   * One key of {@link Aggregate}: a field, or {@code bin(field, interval)} for time buckets aligned
   * to the epoch in UTC.
   *
   * @param bin bucket width, at least one second; null for a plain field
   */
  record GroupKey(String field, Duration bin) {
    public GroupKey {
      Objects.requireNonNull(field, "field");
      if (bin != null && bin.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("bin width must be at least 1s");
      }
    }

    /** The column it produces: the field, or {@code bin(event_time, 1h)}. */
    public String column() {
      return bin == null ? field : "bin(" + field + ", " + QueryPrinter.duration(bin) + ")";
    }
  }

  private static void requireRowCount(int count, String pipe) {
    if (count < 1 || count > MAX_ROWS) {
      throw new IllegalArgumentException(pipe + " takes a count from 1 to " + MAX_ROWS);
    }
  }
}
