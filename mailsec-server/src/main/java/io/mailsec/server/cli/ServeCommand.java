package io.mailsec.server.cli;

import io.mailsec.core.Durations;
import io.mailsec.core.store.RetentionResult;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.Collector;
import io.mailsec.server.collect.CollectorSupervisor;
import io.mailsec.server.collect.HealthAlerts;
import io.mailsec.server.collect.HealthFile;
import io.mailsec.server.collect.StreamHealth;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.server.web.WebServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailsec serve}: the web console and REST API, and continuous collection, until stopped
 * (SIGTERM or Ctrl-C). Integrations changed through the API take effect at once.
 */
@Command(
    name = "serve",
    description = {
      "Serve the console and REST API and run all enabled streams on their schedules until"
          + " stopped (Ctrl-C or SIGTERM).",
      "On the first start without users, creates user admin (password from"
          + " MAILSEC_ADMIN_PASSWORD, or generated and printed once)."
    },
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Mixin WebOptions web;

  @Option(
      names = "--status-every",
      defaultValue = "1m",
      description = "How often to print stream health (e.g. 30s, 5m; default ${DEFAULT-VALUE}).")
  String statusEvery;

  @Option(
      names = "--retention",
      defaultValue = "90d",
      description =
          "Delete events older than this, checked hourly (e.g. 30d; 0 keeps everything; "
              + "default ${DEFAULT-VALUE}).")
  String retention;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Duration every = Durations.parse(statusEvery, "--status-every");
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    DataDirectory dir = DataDirectory.open(data.resolve());
    List<IntegrationConfig> enabled = Wiring.select(dir, null, spec);
    CollectorSupervisor collectors = Wiring.supervisor(dir, enabled);
    Instant started = Instant.now();
    dir.detection()
        .watchStreams(
            () -> HealthAlerts.statuses(collectors.health(), started), Duration.ofMinutes(1));
    try (GracefulStop stop = new GracefulStop()) {
      stop.onSignal(collectors::stop);
      WebServer server = null;
      try {
        server = web.start(dir, collectors, out);
        err.println(
            enabled.isEmpty()
                ? "No enabled integration yet: add one in the console or with"
                    + " mailsec integration add --help"
                : "Collecting "
                    + collectors.streams().size()
                    + " stream(s) into "
                    + dir.root().toAbsolutePath()
                    + ". Stop with Ctrl-C.");
        err.flush();
        collectUntilStopped(dir, collectors, every, keep(retention), err, stop.signalled());
      } finally {
        if (server != null) {
          server.close();
        }
        collectors.close();
        new HealthFile(dir.root()).write(snapshot(collectors.health(), false));
        dir.close();
      }
    }
    return 0;
  }

  /**
   * Runs the collector until {@code stopped} opens: refreshes the health file, prints stream health
   * every {@code statusEvery} and applies retention hourly. The caller closes the collector.
   */
  static void collectUntilStopped(
      DataDirectory dir,
      Collector collector,
      Duration statusEvery,
      Duration keep,
      PrintWriter err,
      CountDownLatch stopped)
      throws InterruptedException {
    collectUntilStopped(dir, collector::start, collector::health, statusEvery, keep, err, stopped);
  }

  /** As above, for the integrations of a supervisor (which may change while it runs). */
  static void collectUntilStopped(
      DataDirectory dir,
      CollectorSupervisor collectors,
      Duration statusEvery,
      Duration keep,
      PrintWriter err,
      CountDownLatch stopped)
      throws InterruptedException {
    collectUntilStopped(
        dir, collectors::start, collectors::health, statusEvery, keep, err, stopped);
  }

  private static void collectUntilStopped(
      DataDirectory dir,
      Consumer<Collector.ProgressListener> start,
      Supplier<List<StreamHealth>> health,
      Duration statusEvery,
      Duration keep,
      PrintWriter err,
      CountDownLatch stopped)
      throws InterruptedException {
    HealthFile healthFile = new HealthFile(dir.root());
    Instant nextRetention = Instant.now();
    Instant nextStatus = Instant.now().plus(statusEvery);
    start.accept(new CollectCommand.ProgressPrinter(err));
    while (!stopped.await(HEALTH_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
      Instant now = Instant.now();
      healthFile.write(snapshot(health.get(), true));
      if (!now.isBefore(nextStatus)) {
        printHealth(err, health.get());
        nextStatus = now.plus(statusEvery);
      }
      if (!keep.isZero() && !now.isBefore(nextRetention)) {
        RetentionResult removed = dir.store().deleteOlderThan(now.minus(keep));
        if (removed.events() > 0) {
          err.println(
              "Retention: deleted "
                  + removed.events()
                  + " events older than "
                  + Durations.describe(keep));
        }
        nextRetention = now.plus(Duration.ofHours(1));
      }
    }
    err.println("Stopping: finishing the batches in flight...");
    err.flush();
  }

  static Duration keep(String retention) {
    return retention.equals("0") ? Duration.ZERO : Durations.parse(retention, "--retention");
  }

  /** How often the health file is refreshed for {@code mailsec status}. */
  static final Duration HEALTH_EVERY = Duration.ofSeconds(10);

  static HealthFile.Snapshot snapshot(List<StreamHealth> health, boolean running) {
    return new HealthFile.Snapshot(Instant.now(), ProcessHandle.current().pid(), running, health);
  }

  static void printHealth(PrintWriter out, List<StreamHealth> health) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("STREAM", "STATE", "LAG", "EVENTS", "QUARANTINED", "GAPS", "REASON"));
    for (StreamHealth h : health) {
      rows.add(
          List.of(
              h.stream().toString(),
              h.state().name(),
              h.lag() == null ? "-" : Durations.describe(h.lag().withNanos(0)),
              String.valueOf(h.events()),
              String.valueOf(h.quarantined()),
              String.valueOf(h.gaps()),
              h.reason()));
    }
    synchronized (out) {
      Tables.print(out, rows);
    }
  }
}
