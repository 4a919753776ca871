package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.ql.QueryResult;
import io.mailsec.core.store.SearchResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes a search export to the response as it is read: CSV (one column per chosen field) or NDJSON
 * (one event or table row per line). Events are read page by page, so memory stays bounded whatever
 * the number of matches.
 *
 * <p>CSV cells that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return at
 * the start) are prefixed with {@code '}: exported mail data is attacker-controlled text.
 */
final class ExportWriter {
  static final int PAGE = 1000;
  static final List<String> DEFAULT_FIELDS =
      List.of(
          "event_time",
          "schema",
          "event_type",
          "envelope_from",
          "to_email_address",
          "subject",
          "status",
          "id");

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private final boolean csv;
  private final List<String> fields;

  ExportWriter(boolean csv, List<String> fields) {
    this.csv = csv;
    this.fields = fields;
  }

  static List<String> fieldList(String param) {
    if (param == null || param.isBlank()) {
      return List.of();
    }
    List<String> out =
        Arrays.stream(param.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (out.size() > 200 || out.stream().anyMatch(f -> f.length() > 200)) {
      throw ApiException.invalid(Map.of("fields", "at most 200 field names"));
    }
    return out;
  }

  /** Streams every page that {@code pages} returns, starting without a cursor. */
  void streamEvents(Context ctx, List<String> chosen, Function<String, SearchResult> pages) {
    SearchResult first = pages.apply(null); // fails before anything is written
    List<String> columns = chosen.isEmpty() ? DEFAULT_FIELDS : chosen;
    try (Writer out = writer(ctx)) {
      if (csv) {
        out.write(columns.stream().map(ExportWriter::cell).collect(Collectors.joining(",")));
        out.write("\r\n");
      }
      SearchResult page = first;
      while (true) {
        for (Event e : page.events()) {
          writeEvent(out, e, columns);
        }
        if (page.nextCursor() == null) {
          break;
        }
        page = pages.apply(page.nextCursor());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a whole result (an aggregate's table, or events after pipes). */
  void write(Context ctx, QueryResult result) {
    try (Writer out = writer(ctx)) {
      if (result instanceof QueryResult.Events events) {
        List<String> columns =
            !fields.isEmpty()
                ? fields
                : !events.fields().isEmpty() ? events.fields() : DEFAULT_FIELDS;
        if (csv) {
          out.write(columns.stream().map(ExportWriter::cell).collect(Collectors.joining(",")));
          out.write("\r\n");
        }
        for (Event e : events.events()) {
          writeEvent(out, e, columns);
        }
        return;
      }
      QueryResult.Table table = (QueryResult.Table) result;
      List<String> names = table.columns().stream().map(QueryResult.Column::name).toList();
      if (csv) {
        out.write(names.stream().map(ExportWriter::cell).collect(Collectors.joining(",")));
        out.write("\r\n");
      }
      for (List<Object> row : table.rows()) {
        if (csv) {
          out.write(row.stream().map(v -> cell(text(v))).collect(Collectors.joining(",")));
          out.write("\r\n");
        } else {
          Map<String, Object> object = new LinkedHashMap<>();
          for (int i = 0; i < names.size(); i++) {
            Object v = row.get(i);
            object.put(names.get(i), v instanceof Instant t ? EventJson.formatInstant(t) : v);
          }
          out.write(Json.MAPPER.writeValueAsString(object));
          out.write("\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeEvent(Writer out, Event e, List<String> columns) throws IOException {
    if (!csv) {
      out.write(EventJson.write(e));
      out.write("\n");
      return;
    }
    List<String> cells = new ArrayList<>(columns.size());
    for (String column : columns) {
      List<Object> values = column.equals("schema") ? List.of(e.schema()) : e.get(column);
      cells.add(cell(values.stream().map(ExportWriter::text).collect(Collectors.joining(";"))));
    }
    out.write(String.join(",", cells));
    out.write("\r\n");
  }

  private static Writer writer(Context ctx) {
    return new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
  }

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof Instant i ? EventJson.formatInstant(i) : String.valueOf(value);
  }

  /** One CSV cell: formula-neutralised, then quoted when needed (RFC 4180). */
  static String cell(String s) {
    String safe = s;
    if (!safe.isEmpty()
        && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0
        && !NUMBER.matcher(safe).matches()) {
      safe = "'" + safe;
    }
    boolean quote =
        safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
    return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
