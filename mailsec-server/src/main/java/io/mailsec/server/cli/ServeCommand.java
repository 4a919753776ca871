package io.mailsec.server.cli;

import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.Collector;
import io.mailsec.server.collect.StreamHealth;
import io.mailsec.server.config.IntegrationConfig;
import java.io.PrintWriter;
import java.time.Duration;
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
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopped.countDown();
                  try {
                    closed.await(40, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "mailsec-shutdown"));
    err.println(
        "Collecting "
            + collector.streams().size()
            + " stream(s) into "
            + dir.root().toAbsolutePath()
            + ". Stop with Ctrl-C.");
    err.flush();
    try {
      collector.start(new CollectCommand.ProgressPrinter(err));
      while (!stopped.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
        printHealth(err, collector.health());
      }
      err.println("Stopping: finishing the batches in flight...");
      err.flush();
    } finally {
      collector.close();
      dir.close();
      closed.countDown();
    }
    return 0;
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
