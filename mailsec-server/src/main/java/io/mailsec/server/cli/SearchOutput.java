package io.mailsec.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.ql.QueryResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints a {@link QueryResult} for {@code mailsec search}: events or an aggregate's table, as a
 * table, CSV, JSON array or one JSON object per line, at most {@code limit} rows. Results go to the
 * output; the row counts for people go to the error stream after a table, so piped output stays
 * clean.
 */
final class SearchOutput {
  static final List<String> DEFAULT_FIELDS =
      List.of("event_time", "event_type", "envelope_from", "to_email_address", "subject", "status");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SearchCommand.Format format;
  private final List<String> fields;
  private final int limit;

  /**
   * @param fields event columns chosen on the command line, or null/empty for those of the query
   */
  SearchOutput(SearchCommand.Format format, List<String> fields, int limit) {
    this.format = format;
    this.fields = fields == null ? List.of() : List.copyOf(fields);
    this.limit = limit;
  }

  void print(PrintWriter out, PrintWriter err, QueryResult result) {
    if (result instanceof QueryResult.Events events) {
      printEvents(out, err, events);
    } else {
      printTable(out, err, (QueryResult.Table) result);
    }
    out.flush();
    err.flush();
  }

  private void printEvents(PrintWriter out, PrintWriter err, QueryResult.Events result) {
    List<Event> events = result.events().subList(0, Math.min(limit, result.events().size()));
    List<String> columns =
        !fields.isEmpty() ? fields : !result.fields().isEmpty() ? result.fields() : DEFAULT_FIELDS;
    switch (format) {
      case ndjson -> events.forEach(e -> out.println(EventJson.write(e)));
      case json -> {
        ArrayNode array = JSON.createArrayNode();
        events.forEach(e -> array.add(EventJson.toTree(e)));
        out.println(pretty(array));
      }
      case csv -> {
        out.println(columns.stream().map(SearchOutput::csv).collect(Collectors.joining(",")));
        for (Event e : events) {
          out.println(columns.stream().map(c -> csv(cell(e, c))).collect(Collectors.joining(",")));
        }
      }
      case table -> {
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList());
        for (Event e : events) {
          rows.add(columns.stream().map(c -> truncate(cell(e, c), 60)).toList());
        }
        Tables.print(out, rows);
        err.printf(
            Locale.ROOT,
            "%d of %d matching events (--limit, --since and --format change this)%n",
            events.size(),
            result.matched());
      }
    }
  }

  private void printTable(PrintWriter out, PrintWriter err, QueryResult.Table table) {
    List<List<Object>> rows = table.rows().subList(0, Math.min(limit, table.rows().size()));
    List<String> names = table.columns().stream().map(QueryResult.Column::name).toList();
    switch (format) {
      case ndjson -> rows.forEach(row -> out.println(rowObject(names, row)));
      case json -> {
        ArrayNode array = JSON.createArrayNode();
        rows.forEach(row -> array.add(rowObject(names, row)));
        out.println(pretty(array));
      }
      case csv -> {
        out.println(names.stream().map(SearchOutput::csv).collect(Collectors.joining(",")));
        for (List<Object> row : rows) {
          out.println(row.stream().map(v -> csv(text(v))).collect(Collectors.joining(",")));
        }
      }
      case table -> {
        List<List<String>> lines = new ArrayList<>();
        lines.add(names.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList());
        for (List<Object> row : rows) {
          lines.add(row.stream().map(v -> truncate(text(v), 60)).toList());
        }
        Tables.print(out, lines);
        err.printf(
            Locale.ROOT,
            "%d of %d rows%s%n",
            rows.size(),
            table.rows().size(),
            table.truncated() ? " (more groups were cut; narrow the query)" : "");
      }
    }
  }

  private static ObjectNode rowObject(List<String> names, List<Object> row) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < names.size(); i++) {
      Object v = row.get(i);
      String name = names.get(i);
      if (v == null) {
        node.putNull(name);
      } else if (v instanceof Long l) {
        node.put(name, l);
      } else if (v instanceof Double d) {
        node.put(name, d);
      } else if (v instanceof Boolean b) {
        node.put(name, b);
      } else {
        node.put(name, text(v));
      }
    }
    return node;
  }

  private static String pretty(ArrayNode array) {
    try {
      return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A table value as text: empty for null, instants in ISO-8601 UTC. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof Instant i ? EventJson.formatInstant(i) : String.valueOf(value);
  }

  static String cell(Event e, String field) {
    return e.get(field).stream().map(SearchOutput::text).collect(Collectors.joining(";"));
  }

  private static String truncate(String s, int max) {
    String oneLine = s.replaceAll("[\\r\\n\\t]+", " ");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
