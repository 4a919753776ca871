package io.mailsec.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.server.DataDirectory;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailsec search 'QUERY'}: search the stored events. */
@Command(
    name = "search",
    description = {
      "Search stored events, newest first.",
      "Query: [FROM schema] [WHERE] field = 'value' [AND field CONTAINS 'text' ...]",
      "Example: mailsec search \"FROM email WHERE status = 'delivered' AND subject CONTAINS 'invoice'\""
    },
    mixinStandardHelpOptions = true)
final class SearchCommand implements Callable<Integer> {
  enum Format {
    table,
    json,
    ndjson,
    csv
  }

  @Mixin DataDirOption data;

  @Parameters(paramLabel = "QUERY", defaultValue = "", description = "The query (empty: all).")
  String query;

  @Option(
      names = "--since",
      defaultValue = "24h",
      description = "Time window back from now, e.g. 1h, 7d (default ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--limit", defaultValue = "20", description = "Events to show (default 20).")
  int limit;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, json, ndjson or csv (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--fields",
      split = ",",
      description =
          "Columns for table/csv (default: time, type, sender, recipients, subject, status).")
  List<String> fields;

  @Spec CommandLine.Model.CommandSpec spec;

  static final List<String> DEFAULT_FIELDS =
      List.of("event_time", "event_type", "envelope_from", "to_email_address", "subject", "status");

  @Override
  public Integer call() {
    EventQuery parsed;
    try {
      parsed = SimpleQuery.parse(query);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    Instant now = Instant.now();
    EventQuery q = parsed.between(now.minus(Durations.parse(since)), null);
    try (DataDirectory dir = DataDirectory.open(data.resolve());
        EventStore store = dir.readOnlyStore()) {
      if (!dir.hasStore()) {
        spec.commandLine()
            .getErr()
            .println(
                "No events in "
                    + dir.root().toAbsolutePath()
                    + " yet: collect first (mailsec collect --once) or check --data-dir.");
        return 2;
      }
      SearchResult result =
          store.search(SearchRequest.of(q).withLimit(Math.max(1, Math.min(limit, 10_000))));
      print(spec.commandLine().getOut(), result);
    }
    return 0;
  }

  private void print(PrintWriter out, SearchResult result) {
    List<String> columns = fields == null || fields.isEmpty() ? DEFAULT_FIELDS : fields;
    switch (format) {
      case ndjson -> result.events().forEach(e -> out.println(EventJson.write(e)));
      case json -> {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = json.createArrayNode();
        result.events().forEach(e -> array.add(EventJson.toTree(e)));
        try {
          out.println(json.writeValueAsString(array));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      case csv -> {
        out.println(String.join(",", columns));
        for (Event e : result.events()) {
          out.println(columns.stream().map(c -> csv(cell(e, c))).collect(Collectors.joining(",")));
        }
      }
      case table -> {
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList());
        for (Event e : result.events()) {
          rows.add(columns.stream().map(c -> truncate(cell(e, c), 60)).toList());
        }
        Tables.print(out, rows);
        spec.commandLine()
            .getErr()
            .printf(
                "%d of %d matching events (--limit, --since and --format change this)%n",
                result.events().size(), result.totalHits());
      }
    }
    out.flush();
  }

  static String cell(Event e, String field) {
    return e.get(field).stream()
        .map(v -> v instanceof Instant i ? EventJson.formatInstant(i) : String.valueOf(v))
        .collect(Collectors.joining(";"));
  }

  private static String truncate(String s, int max) {
    String oneLine = s.replaceAll("[\\r\\n\\t]+", " ");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
