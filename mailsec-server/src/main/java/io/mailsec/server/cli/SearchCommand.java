package io.mailsec.server.cli;

import io.mailsec.core.Durations;
import io.mailsec.core.ql.Pipe;
import io.mailsec.core.ql.Query;
import io.mailsec.core.ql.QueryError;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QueryOptions;
import io.mailsec.core.ql.QueryPlan;
import io.mailsec.core.ql.QueryResult;
import io.mailsec.core.ql.QuerySyntaxException;
import io.mailsec.core.ql.StoreQueryRunner;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventStore;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.config.SavedSearchRepository;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailsec search 'QUERY'}: runs a query of the query language (docs/query-language.md) on
 * the read-only view of the store, so it works while {@code serve} writes. Exit codes: 0 done, 2 a
 * bad query or option (message with line:column and a caret under the problem), or no store.
 */
@Command(
    name = "search",
    description = {
      "Search stored events with the query language (docs/query-language.md), newest first.",
      "Examples:",
      "  mailsec search \"FROM email WHERE sensor_type = 'Mimecast' AND status = 'delivered'\"",
      "  mailsec search \"FROM email WHERE @ip = '10.0.0.0/8' EARLIEST=-7d"
          + " | aggregate count by sender_domain | head 10\""
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

  @Option(
      names = "--saved",
      paramLabel = "NAME",
      description = "Run a saved search (see: mailsec searches) instead of QUERY.")
  String saved;

  @Parameters(paramLabel = "QUERY", defaultValue = "", description = "The query (empty: all).")
  String query;

  @Option(
      names = "--since",
      defaultValue = "24h",
      description =
          "Time window back from now when the query has no EARLIEST, e.g. 1h, 7d, at most 31d"
              + " (default ${DEFAULT-VALUE}).")
  String since;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Rows to show (default ${DEFAULT-VALUE}, at most 10000).")
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
          "Event columns for table/csv (default: those of | fields, else time, type, sender,"
              + " recipients, subject, status).")
  List<String> fields;

  @Option(
      names = "--explain",
      description = "Print the expanded query (schemas, fields, absolute window) and exit.")
  boolean explain;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (saved != null) {
      if (!query.isBlank()) {
        err.println("Give either a QUERY or --saved NAME, not both.");
        return 2;
      }
      var found = new SavedSearchRepository(data.resolve()).find(saved);
      if (found.isEmpty()) {
        err.println("No saved search named '" + saved + "'. See: mailsec searches list");
        return 2;
      }
      query = found.get().query();
    }
    QueryOptions options;
    try {
      options = QueryOptions.DEFAULTS.withDefaultWindow(Durations.parse(since, "--since"));
    } catch (IllegalArgumentException e) {
      err.println("--since: " + e.getMessage());
      return 2;
    }
    if (options.defaultWindow().compareTo(QueryOptions.DEFAULTS.maxWindow()) > 0) {
      err.println("--since: at most " + Durations.describe(QueryOptions.DEFAULTS.maxWindow()));
      return 2;
    }
    if (limit < 1 || limit > QueryResult.MAX_ROWS) {
      err.println("--limit: from 1 to " + QueryResult.MAX_ROWS);
      return 2;
    }
    SchemaRegistry registry = SchemaRegistry.standard();
    QueryLanguage ql = new QueryLanguage(registry, options);
    Instant now = Instant.now();
    QueryPlan plan;
    try {
      Query parsed = ql.parse(query);
      if (explain) {
        spec.commandLine().getOut().println(ql.plan(parsed, now).explain());
        spec.commandLine().getOut().flush();
        return 0;
      }
      plan = ql.plan(limited(parsed), now);
    } catch (QuerySyntaxException e) {
      printError(err, query, e.error());
      return 2;
    }
    try (DataDirectory dir = DataDirectory.open(data.resolve());
        EventStore store = dir.readOnlyStore()) {
      if (!dir.hasStore()) {
        err.println(
            "No events in "
                + dir.root().toAbsolutePath()
                + " yet: collect first (mailsec collect --once) or check --data-dir.");
        return 2;
      }
      QueryResult result;
      try {
        result = new StoreQueryRunner(registry, options).run(plan, store);
      } catch (IllegalArgumentException e) {
        // What only the data reveals: a regular expression too expensive, too many events.
        err.println("error: " + e.getMessage());
        return 2;
      }
      new SearchOutput(format, fields, limit).print(spec.commandLine().getOut(), err, result);
    }
    return 0;
  }

  /**
   * A query without pipes fetches only the rows to show ({@code | head N} is pushed into the
   * store); with pipes, the pipes decide and only the printing is cut to {@code --limit}.
   */
  private Query limited(Query parsed) {
    if (!parsed.pipes().isEmpty()) {
      return parsed;
    }
    return new Query(
        parsed.schemas(),
        parsed.where(),
        parsed.earliest(),
        parsed.latest(),
        List.<Pipe>of(new Pipe.Head(limit)));
  }

  /** The message, then the offending line of the query with a caret under the error's column. */
  static void printError(PrintWriter err, String query, QueryError error) {
    err.println("error: " + error);
    String[] lines = query.split("\n", -1);
    if (error.line() >= 1 && error.line() <= lines.length) {
      String line = lines[error.line() - 1].replace("\r", "");
      StringBuilder caret = new StringBuilder("  ");
      for (int i = 0; i < Math.min(error.column() - 1, line.length()); i++) {
        caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
      }
      err.println("  " + line);
      err.println(caret.append('^'));
    }
    err.flush();
  }
}
