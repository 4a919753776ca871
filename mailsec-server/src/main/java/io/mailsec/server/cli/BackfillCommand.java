package io.mailsec.server.cli;

import io.mailsec.core.Durations;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.BackfillJobView;
import io.mailsec.server.collect.BackfillManager;
import io.mailsec.server.collect.BackfillRunner;
import io.mailsec.server.collect.MimecastClients;
import io.mailsec.server.collect.MimecastSourceProvider;
import io.mailsec.server.config.IntegrationConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mailsec integration backfill NAME --from ... [--to ...] [--types ...]}. */
@Command(
    name = "backfill",
    description =
        "Collect a past time range again, within Mimecast's retention, in the foreground. Records"
            + " already stored are skipped; live checkpoints are not touched. Needs the data"
            + " directory's store: stop mailsec serve first, or use the console/REST API.",
    mixinStandardHelpOptions = true)
final class BackfillCommand extends IntegrationCommand.OneIntegration {
  @Option(
      names = "--from",
      required = true,
      description =
          "Start (inclusive): an instant (2026-01-31T08:00:00Z), a UTC day (2026-01-31) or a"
              + " duration back from now (36h, 3d).")
  String from;

  @Option(names = "--to", description = "End (exclusive), same forms as --from; default now.")
  String to;

  @Option(
      names = "--types",
      split = ",",
      paramLabel = "TYPE",
      description = "Data types to backfill (default: all of the integration), e.g. siem,audit.")
  List<String> types;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    Instant start = instant(from, now, "--from");
    Instant end = to == null ? now : instant(to, now, "--to");
    try (GracefulStop stop = new GracefulStop();
        DataDirectory dir = DataDirectory.open(data.resolve())) {
      IntegrationConfig integration =
          dir.integrations()
              .find(name)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          spec.commandLine(),
                          "No integration named '" + name + "'. See: mailsec integration list"));
      MimecastClients clients =
          new MimecastClients(dir.vault(), RateBudgets.create(), ClientSettings.defaults());
      BackfillRunner runner =
          new BackfillRunner(
              clients,
              new MimecastSourceProvider(Clock.systemUTC()),
              dir.detection().collectingStore(),
              Clock.systemUTC());
      try (BackfillManager manager =
          new BackfillManager(dir.root(), dir.integrations()::find, runner, Clock.systemUTC())) {
        BackfillJobView job;
        try {
          job = manager.start(integration.id(), types, start, end, "cli");
        } catch (IllegalArgumentException | IllegalStateException e) {
          err.println("Backfill refused: " + e.getMessage());
          return 2;
        }
        for (BackfillJobView.TypeView t : job.types()) {
          out.println(t.dataType() + ": " + t.from() + " to " + t.to());
          if (t.note() != null) {
            out.println("  " + t.note());
          }
        }
        out.flush();
        String jobId = job.id();
        stop.onSignal(() -> manager.cancel(integration.id(), jobId));
        while (!job.state().finished()) {
          job = manager.await(jobId, 2_000).orElseThrow();
          err.println(progressLine(job));
          err.flush();
        }
        printSummary(out, job);
        return job.state() == io.mailsec.server.collect.BackfillState.DONE ? 0 : 1;
      } finally {
        stop.finished();
      }
    }
  }

  static String progressLine(BackfillJobView job) {
    StringBuilder line = new StringBuilder("backfill " + job.id() + " " + lower(job.state()));
    for (BackfillJobView.TypeView t : job.types()) {
      line.append(
          String.format(
              Locale.ROOT,
              "  %s %s %3.0f%% %,d new",
              t.dataType(),
              lower(t.state()),
              t.progress() * 100,
              t.eventsStored()));
    }
    return line.toString();
  }

  static void printSummary(PrintWriter out, BackfillJobView job) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "TYPE",
            "FROM",
            "TO",
            "STATE",
            "STORED",
            "DUPLICATES",
            "OUTSIDE",
            "QUARANTINED",
            "GAPS",
            "ERROR"));
    for (BackfillJobView.TypeView t : job.types()) {
      rows.add(
          List.of(
              t.dataType(),
              t.from().toString(),
              t.to().toString(),
              lower(t.state()),
              String.valueOf(t.eventsStored()),
              String.valueOf(t.duplicatesSkipped()),
              String.valueOf(t.outsideRange()),
              String.valueOf(t.quarantined()),
              String.valueOf(t.gaps()),
              t.error() == null ? "" : t.error()));
    }
    Tables.print(out, rows);
    out.println("Backfill " + job.id() + ": " + lower(job.state()) + ".");
    out.flush();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** An instant, a UTC day, or a duration back from {@code now}. */
  static Instant instant(String text, Instant now, String option) {
    String t = text.trim();
    try {
      if (t.length() == 10 && t.charAt(4) == '-') {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (t.contains("T")) {
        return Instant.parse(t);
      }
      return now.minus(Durations.parse(t, option));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          option
              + ": '"
              + text
              + "' is not an instant (2026-01-31T08:00:00Z), a day (2026-01-31) or a duration"
              + " (36h)");
    }
  }
}
