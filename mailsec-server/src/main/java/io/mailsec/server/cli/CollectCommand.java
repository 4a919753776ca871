package io.mailsec.server.cli;

import io.mailsec.core.store.StreamId;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.BatchOutcome;
import io.mailsec.server.collect.Collector;
import io.mailsec.server.collect.RunTotals;
import io.mailsec.server.config.IntegrationConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailsec collect --once}: run every stream until caught up, then exit with a summary. */
@Command(
    name = "collect",
    description = "Collect from the enabled integrations until caught up, then exit.",
    mixinStandardHelpOptions = true)
final class CollectCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Option(
      names = "--once",
      required = true,
      description = "Run until caught up and exit (for continuous collection use 'mailsec serve').")
  boolean once;

  @Option(
      names = "--integration",
      paramLabel = "NAME",
      description = "Only this integration (repeatable); default: all enabled ones.")
  List<String> only;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (GracefulStop stop = new GracefulStop();
        DataDirectory dir = DataDirectory.open(data.resolve())) {
      List<IntegrationConfig> chosen = Wiring.select(dir, only, spec);
      if (chosen.isEmpty()) {
        err.println("No enabled integration to collect from. Add one: mailsec integration add");
        return 2;
      }
      try (Collector collector = Wiring.collector(dir, chosen)) {
        stop.onSignal(collector::stop);
        ProgressPrinter progress = new ProgressPrinter(err);
        Map<StreamId, Collector.StreamResult> results = collector.collectOnce(progress);
        printSummary(out, results);
        return results.values().stream().anyMatch(Collector.StreamResult::failed) ? 3 : 0;
      }
    }
  }

  static void printSummary(PrintWriter out, Map<StreamId, Collector.StreamResult> results) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("STREAM", "BATCHES", "EVENTS", "QUARANTINED", "GAPS", "MB", "RESULT"));
    for (Map.Entry<StreamId, Collector.StreamResult> e : results.entrySet()) {
      RunTotals t = e.getValue().totals();
      rows.add(
          List.of(
              e.getKey().toString(),
              String.valueOf(t.batches()),
              String.valueOf(t.events()),
              String.valueOf(t.quarantined()),
              String.valueOf(t.gaps()),
              String.format(java.util.Locale.ROOT, "%.1f", t.bytes() / 1e6),
              e.getValue().failed()
                  ? "FAILED: " + e.getValue().failure()
                  : e.getValue().caughtUp() ? "caught up" : "stopped early"));
    }
    Tables.print(out, rows);
  }

  /** Prints one line per stream at most every two seconds, plus every failure. */
  static final class ProgressPrinter implements Collector.ProgressListener {
    private final PrintWriter err;
    private final Map<StreamId, long[]> totals = new ConcurrentHashMap<>();
    private final Map<StreamId, Long> lastPrinted = new ConcurrentHashMap<>();

    ProgressPrinter(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void batch(StreamId stream, BatchOutcome o) {
      long[] t = totals.computeIfAbsent(stream, s -> new long[3]);
      synchronized (t) {
        t[0] += o.events();
        t[1] += o.quarantined();
        t[2] += o.gaps().size();
      }
      long now = System.nanoTime();
      Long last = lastPrinted.get(stream);
      if (o.caughtUp() || last == null || now - last > 2_000_000_000L) {
        lastPrinted.put(stream, now);
        synchronized (err) {
          err.printf(
              java.util.Locale.ROOT,
              "%-40s %,10d events %,6d quarantined %,4d gaps%s%n",
              stream,
              t[0],
              t[1],
              t[2],
              o.caughtUp() ? "  (caught up)" : "");
          err.flush();
        }
      }
    }

    @Override
    public void failed(StreamId stream, String reason) {
      synchronized (err) {
        err.println(stream + " FAILED: " + reason);
        err.flush();
      }
    }
  }
}
