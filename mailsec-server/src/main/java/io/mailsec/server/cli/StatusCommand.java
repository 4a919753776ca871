package io.mailsec.server.cli;

import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.StreamStats;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.HealthFile;
import io.mailsec.server.collect.HealthMetrics;
import io.mailsec.server.collect.StreamState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailsec status}: what is stored per stream (from the store itself) and, when a collector
 * runs or ran, each stream's live health as it last published it.
 */
@Command(
    name = "status",
    description = "Show per-stream health (from a running serve/demo) and what the store holds.",
    mixinStandardHelpOptions = true)
final class StatusCommand implements Callable<Integer> {
  /** A health file older than this was not refreshed by a live collector. */
  static final Duration STALE = Duration.ofMinutes(2);

  enum Format {
    table,
    prometheus
  }

  @Mixin DataDirOption data;

  @Option(
      names = "--format",
      defaultValue = "table",
      description =
          "table, or prometheus (text exposition, e.g. for node_exporter's textfile collector).")
  Format format;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (DataDirectory dir = DataDirectory.open(data.resolve());
        EventStore store = dir.readOnlyStore()) {
      Optional<HealthFile.Snapshot> health = new HealthFile(dir.root()).read();
      if (format == Format.prometheus) {
        out.print(
            HealthMetrics.prometheus(
                health.map(HealthFile.Snapshot::streams).orElse(List.of()), store.streamStats()));
        out.flush();
        return 0;
      }
      if (health.isPresent()) {
        HealthFile.Snapshot h = health.get();
        Duration age = Duration.between(h.writtenAt(), Instant.now());
        out.println(
            h.running() && age.compareTo(STALE) < 0
                ? "Live health from the collector (pid " + h.pid() + "), as of " + h.writtenAt()
                : "Last health published by a collector that is NOT running now (at "
                    + h.writtenAt()
                    + "):");
        List<List<String>> integrations = new ArrayList<>();
        integrations.add(List.of("INTEGRATION", "STATE"));
        HealthMetrics.byIntegration(h.streams())
            .forEach((id, state) -> integrations.add(List.of(id, state.name())));
        Tables.print(out, integrations);
        out.println();
        ServeCommand.printHealth(out, h.streams());
        out.println();
      } else {
        out.println("No collector has run here yet (start one: mailsec serve).");
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("STREAM", "EVENTS", "QUARANTINED", "GAPS", "LAST COMMIT"));
      for (StreamStats s : store.streamStats()) {
        rows.add(
            List.of(
                s.stream().toString(),
                String.valueOf(s.events()),
                String.valueOf(s.quarantined()),
                String.valueOf(s.gaps()),
                String.valueOf(s.lastCommit())));
      }
      out.println("Stored:");
      Tables.print(out, rows);
      boolean failing =
          health.isPresent()
              && health.get().streams().stream().anyMatch(s -> s.state() == StreamState.ERROR);
      return failing ? 3 : 0;
    }
  }
}
