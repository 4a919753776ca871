package io.mailsec.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.schema.AlertFields;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SortKey;
import io.mailsec.detect.AlertRepository;
import io.mailsec.server.DataDirectory;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailsec alerts ...}: list and show alerts (read-only, works while a server runs), and
 * change their status (needs the store: stop the server, or use the REST API / console). Searching
 * alerts with the full language: {@code mailsec search "FROM alert WHERE ..."}.
 */
@Command(
    name = "alerts",
    description = "List, show, acknowledge, resolve or suppress alerts.",
    mixinStandardHelpOptions = true,
    subcommands = {
      AlertsCommand.ListCmd.class,
      AlertsCommand.Show.class,
      AlertsCommand.Ack.class,
      AlertsCommand.Resolve.class,
      AlertsCommand.Suppress.class
    })
final class AlertsCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void printTable(PrintWriter out, List<Event> alerts, boolean withId) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    if (withId) {
      header.add("ID");
    }
    header.addAll(List.of("SEVERITY", "STATUS", "COUNT", "FIRST SEEN", "LAST SEEN", "TITLE"));
    rows.add(header);
    for (Event a : alerts) {
      List<String> row = new ArrayList<>();
      if (withId) {
        row.add(a.id());
      }
      row.add(a.string("severity").orElse(""));
      row.add(a.string("status").orElse(""));
      row.add(String.valueOf(a.first("occurrences").orElse("")));
      row.add(String.valueOf(a.first("first_seen").orElse("")));
      row.add(String.valueOf(a.first("last_seen").orElse("")));
      row.add(a.string("title").orElse(""));
      rows.add(row);
    }
    Tables.print(out, rows);
  }

  @Command(
      name = "list",
      description = "List alerts, most recent first.",
      mixinStandardHelpOptions = true)
  static final class ListCmd implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Option(
        names = "--status",
        description = "Only this status: open, acknowledged, resolved, suppressed.")
    String status;

    @Option(names = "--severity", description = "Only this severity or higher, e.g. high.")
    String severity;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<Predicate> conditions = new ArrayList<>();
      if (status != null) {
        if (!AlertFields.STATUSES.contains(status)) {
          throw new IllegalArgumentException(
              "--status must be one of " + String.join(", ", AlertFields.STATUSES));
        }
        conditions.add(new Comparison("status", Operator.EQ, status));
      }
      if (severity != null) {
        long rank =
            AlertFields.severityRank(severity)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--severity must be one of "
                                + String.join(", ", AlertFields.SEVERITIES)));
        conditions.add(new Comparison("severity_score", Operator.GE, rank));
      }
      Predicate where =
          conditions.isEmpty()
              ? new MatchAll()
              : conditions.size() == 1 ? conditions.get(0) : new And(conditions);
      PrintWriter out = spec.commandLine().getOut();
      try (DataDirectory dir = DataDirectory.open(data.resolve())) {
        if (!dir.hasStore()) {
          out.println("No alerts: there is no event store in " + dir.root() + " yet.");
          return 0;
        }
        try (EventStore store = dir.readOnlyStore()) {
          var result =
              store.search(
                  new SearchRequest(
                      EventQuery.where(where).withSchemas(SchemaRegistry.ALERT),
                      List.of(SortKey.desc("last_seen")),
                      Math.max(1, Math.min(limit, SearchRequest.MAX_LIMIT)),
                      null));
          if (result.events().isEmpty()) {
            out.println("No alerts match.");
            return 0;
          }
          printTable(out, result.events(), true);
          if (result.totalHits() > result.events().size()) {
            out.println(
                result.totalHits() + " alerts match; showing " + result.events().size() + ".");
          }
        }
      }
      return 0;
    }
  }

  @Command(
      name = "show",
      description = "Show one alert with all its fields.",
      mixinStandardHelpOptions = true)
  static final class Show implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "ALERT_ID")
    String id;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (DataDirectory dir = DataDirectory.open(data.resolve())) {
        if (!dir.hasStore()) {
          spec.commandLine()
              .getErr()
              .println("No alert '" + id + "': there is no event store yet.");
          return 2;
        }
        try (EventStore store = dir.readOnlyStore()) {
          Optional<Event> alert = AlertRepository.find(store, id);
          if (alert.isEmpty()) {
            spec.commandLine().getErr().println("No alert with id '" + id + "'.");
            return 2;
          }
          spec.commandLine()
              .getOut()
              .println(
                  new ObjectMapper()
                      .writerWithDefaultPrettyPrinter()
                      .writeValueAsString(EventJson.toTree(alert.get()).get("fields")));
        }
      }
      return 0;
    }
  }

  abstract static class SetStatus implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Parameters(paramLabel = "ALERT_ID")
    String id;

    @Option(names = "--note", description = "Why; kept in the alert's history.")
    String note;

    @Option(names = "--by", description = "Who (default: the OS user name).")
    String by;

    @Spec CommandLine.Model.CommandSpec spec;

    abstract String status();

    @Override
    public Integer call() {
      String actor = by != null ? by : System.getProperty("user.name", "cli");
      try (DataDirectory dir = DataDirectory.open(data.resolve())) {
        EventStore store;
        try {
          store = dir.store();
        } catch (RuntimeException e) {
          spec.commandLine()
              .getErr()
              .println(
                  "Cannot open the store for writing ("
                      + e.getMessage()
                      + "). If a server runs on this data directory, change the alert in the"
                      + " console or through the REST API.");
          return 1;
        }
        Optional<Event> updated =
            AlertRepository.updateStatus(store, id, status(), actor, note, Instant.now());
        if (updated.isEmpty()) {
          spec.commandLine().getErr().println("No alert with id '" + id + "'.");
          return 2;
        }
        spec.commandLine()
            .getOut()
            .println("Alert " + id + " is now " + status() + " (by " + actor + ").");
      }
      return 0;
    }
  }

  @Command(name = "ack", description = "Acknowledge an alert.", mixinStandardHelpOptions = true)
  static final class Ack extends SetStatus {
    @Override
    String status() {
      return "acknowledged";
    }
  }

  @Command(name = "resolve", description = "Resolve an alert.", mixinStandardHelpOptions = true)
  static final class Resolve extends SetStatus {
    @Override
    String status() {
      return "resolved";
    }
  }

  @Command(
      name = "suppress",
      description = "Suppress an alert: later matches keep counting on it silently.",
      mixinStandardHelpOptions = true)
  static final class Suppress extends SetStatus {
    @Override
    String status() {
      return "suppressed";
    }
  }
}
