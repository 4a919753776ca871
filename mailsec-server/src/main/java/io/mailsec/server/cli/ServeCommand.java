package io.mailsec.server.cli;

import io.mailsec.core.store.RetentionResult;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.Collector;
import io.mailsec.server.collect.HealthFile;
import io.mailsec.server.collect.StreamHealth;
import io.mailsec.server.config.IntegrationConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailsec serve}: collect continuously until stopped (SIGTERM or Ctrl-C). */
@Command(
    name = "serve",
    description = "Run all enabled streams on their schedules until stopped (Ctrl-C or SIGTERM).",
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

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
    Duration every = Durations.parse(statusEvery);
    PrintWriter err = spec.commandLine().getErr();
    DataDirectory dir = DataDirectory.open(data.resolve());
    List<IntegrationConfig> enabled = Wiring.select(dir, null, spec);
    if (enabled.isEmpty()) {
      err.println("No enabled integration. Add one first: mailsec integration add --help");
      dir.close();
      return 2;
    }
    Collector collector = Wiring.collector(dir, enabled);
    try (GracefulStop stop = new GracefulStop()) {
      stop.onSignal(collector::stop);
      err.println(
          "Collecting "
              + collector.streams().size()
              + " stream(s) into "
              + dir.root().toAbsolutePath()
              + ". Stop with Ctrl-C.");
      err.flush();
      try {
        collectUntilStopped(dir, collector, every, keep(retention), err, stop.signalled());
      } finally {
        collector.close();
        new HealthFile(dir.root()).write(snapshot(collector, false));
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
    HealthFile healthFile = new HealthFile(dir.root());
    Instant nextRetention = Instant.now();
    Instant nextStatus = Instant.now().plus(statusEvery);
    collector.start(new CollectCommand.ProgressPrinter(err));
    while (!stopped.await(HEALTH_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
      Instant now = Instant.now();
      healthFile.write(snapshot(collector, true));
      if (!now.isBefore(nextStatus)) {
        printHealth(err, collector.health());
        nextStatus = now.plus(statusEvery);
      }
      if (!keep.isZero() && !now.isBefore(nextRetention)) {
        RetentionResult removed = dir.store().deleteOlderThan(now.minus(keep));
        if (removed.events() > 0) {
          err.println(
              "Retention: deleted "
                  + removed.events()
                  + " events older than "
                  + Durations.format(keep));
        }
        nextRetention = now.plus(Duration.ofHours(1));
      }
    }
    err.println("Stopping: finishing the batches in flight...");
    err.flush();
  }

  static Duration keep(String retention) {
    return retention.equals("0") ? Duration.ZERO : Durations.parse(retention);
  }

  /** How often the health file is refreshed for {@code mailsec status}. */
  static final Duration HEALTH_EVERY = Duration.ofSeconds(10);

  static HealthFile.Snapshot snapshot(Collector collector, boolean running) {
    return new HealthFile.Snapshot(
        Instant.now(), ProcessHandle.current().pid(), running, collector.health());
  }

  static void printHealth(PrintWriter out, List<StreamHealth> health) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("STREAM", "STATE", "LAG", "EVENTS", "QUARANTINED", "GAPS", "REASON"));
    for (StreamHealth h : health) {
      rows.add(
          List.of(
              h.stream().toString(),
              h.state().name(),
              h.lag() == null ? "-" : Durations.format(h.lag().withNanos(0)),
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
