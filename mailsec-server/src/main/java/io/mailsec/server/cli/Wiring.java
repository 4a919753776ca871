package io.mailsec.server.cli;

import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.Collector;
import io.mailsec.server.collect.CollectorSupervisor;
import io.mailsec.server.collect.MimecastClients;
import io.mailsec.server.collect.MimecastSourceProvider;
import io.mailsec.server.config.IntegrationConfig;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/** Builds the runtime pieces the commands share. */
final class Wiring {
  /** Streams collected in parallel; Mimecast's rate limits, not CPU, are the usual bound. */
  static final int COLLECTOR_THREADS = 4;

  private Wiring() {}

  /** The enabled integrations, or only the named ones (which must exist). */
  static List<IntegrationConfig> select(
      DataDirectory dir, List<String> names, CommandLine.Model.CommandSpec spec) {
    if (names == null || names.isEmpty()) {
      return dir.integrations().list().stream().filter(IntegrationConfig::enabled).toList();
    }
    return names.stream()
        .map(
            n ->
                dir.integrations()
                    .find(n)
                    .orElseThrow(
                        () ->
                            new CommandLine.ParameterException(
                                spec.commandLine(), "No integration named '" + n + "'")))
        .toList();
  }

  /**
   * One collector per enabled integration, changeable while running; all share one set of rate
   * budgets, as in {@link #collector}. Collectors commit through detection (docs/detections.md).
   */
  static CollectorSupervisor supervisor(DataDirectory dir, List<IntegrationConfig> integrations) {
    MimecastClients clients =
        new MimecastClients(dir.vault(), RateBudgets.create(), ClientSettings.defaults());
    MimecastSourceProvider sources = new MimecastSourceProvider(Clock.systemUTC());
    return CollectorSupervisor.of(
        integrations,
        integration ->
            Collector.forIntegrations(
                List.of(integration),
                clients,
                sources,
                dir.detection().collectingStore(),
                Clock.systemUTC(),
                COLLECTOR_THREADS));
  }

  static Collector collector(DataDirectory dir, List<IntegrationConfig> integrations) {
    MimecastClients clients =
        new MimecastClients(dir.vault(), RateBudgets.create(), ClientSettings.defaults());
    return Collector.forIntegrations(
        integrations,
        clients,
        new MimecastSourceProvider(Clock.systemUTC()),
        dir.detection().collectingStore(),
        Clock.systemUTC(),
        COLLECTOR_THREADS);
  }
}
