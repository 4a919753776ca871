package io.mailsec.server.cli;

import io.mailsec.mimecast.client.DataType;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.CollectorSupervisor;
import io.mailsec.server.collect.HealthAlerts;
import io.mailsec.server.config.ApiVersion;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.server.config.IntegrationRepository;
import io.mailsec.server.secrets.SecretRef;
import io.mailsec.server.secrets.SecretUnavailableException;
import io.mailsec.server.secrets.SecretVault;
import io.mailsec.server.web.WebServer;
import io.mailsec.simulator.InjectedScenario;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailsec demo}: the whole product against the simulator. Starts the Mimecast simulator,
 * adds two demo integrations (API 2.0 and API 1.0, every data type) to a demo data directory,
 * starts the console and REST API (printing the address and the first admin's login), collects the
 * simulator's history and then keeps collecting its live trickle until stopped. Unless told
 * otherwise it injects the simulator's attack scenarios into the last hours of history first, so
 * the console's Alerts page has something to show; like {@code serve} it watches for silent
 * streams.
 */
@Command(
    name = "demo",
    description = {
      "Run mailsec against the built-in Mimecast simulator (both API versions, all data types).",
      "Starts the console (--listen), collects a week of synthetic history, then keeps collecting"
          + " until Ctrl-C."
    },
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  static final String API2_NAME = "Mimecast2.0Demo";
  static final String API1_NAME = "Mimecast1.0Demo";

  @Option(
      names = "--data-dir",
      defaultValue = "demo-data",
      description = "Where the demo keeps its integrations and events (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--port",
      defaultValue = "18089",
      description = "Simulator port (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--seed", defaultValue = "7", description = "Simulator seed.")
  long seed;

  @Option(
      names = "--messages-per-day",
      defaultValue = "2000",
      description = "Simulated messages per day.")
  int messagesPerDay;

  @Option(
      names = "--no-scenarios",
      description =
          "Do not inject the simulator's attack scenarios (then alerts come from the synthetic"
              + " traffic only).")
  boolean noScenarios;

  @Option(
      names = "--once",
      description = "Collect until caught up, print the summary and exit (no live collection).")
  boolean once;

  @Mixin WebOptions web;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SimulatorOptions options =
        SimulatorOptions.builder().port(port).seed(seed).messagesPerDay(messagesPerDay).build();
    try (GracefulStop stop = new GracefulStop();
        MimecastSimulator simulator = MimecastSimulator.start(options);
        DataDirectory dir = DataDirectory.open(dataDir)) {
      ensureIntegrations(dir, simulator);
      List<InjectedScenario> injected =
          noScenarios ? List.of() : injectScenarios(simulator, Instant.now());
      out.println("Mimecast simulator: " + simulator.baseUrl() + " (seed " + seed + ")");
      out.println("Data directory:     " + dir.root().toAbsolutePath());
      out.println("Integrations:       " + API2_NAME + " (API 2.0), " + API1_NAME + " (API 1.0)");
      printScenarios(out, injected);
      out.println();
      out.flush();
      List<IntegrationConfig> enabled = Wiring.select(dir, null, spec);
      CollectorSupervisor collectors = Wiring.supervisor(dir, enabled);
      Instant started = Instant.now();
      dir.detection()
          .watchStreams(
              () -> HealthAlerts.statuses(collectors.health(), started), Duration.ofMinutes(1));
      try (WebServer server = once ? null : web.start(dir, collectors, out)) {
        out.println();
        out.flush();
        stop.onSignal(collectors::stop);
        CollectCommand.printSummary(
            out, collectors.collectOnce(new CollectCommand.ProgressPrinter(err)));
        out.println();
        out.println("Try, in another terminal (while this runs, or after it stops):");
        out.println(
            "  ./mailsec search --data-dir "
                + dataDir
                + " --since 7d \"FROM email WHERE status = 'delivered'\"");
        out.println(
            "  ./mailsec search --data-dir "
                + dataDir
                + " --since 7d \"FROM http WHERE scan_result = 'malicious'\"");
        if (server != null) {
          out.println("  or open " + server.baseUrl() + "/ in a browser.");
        }
        out.flush();
        if (once) {
          return 0;
        }
        if (stop.signalled().getCount() == 0) {
          return 0;
        }
        return keepCollecting(dir, collectors, out, stop.signalled(), err);
      } finally {
        collectors.close();
      }
    }
  }

  private int keepCollecting(
      DataDirectory dir,
      CollectorSupervisor collectors,
      PrintWriter out,
      CountDownLatch stopped,
      PrintWriter err)
      throws InterruptedException {
    out.println();
    out.println(
        "Collecting the simulator's live trickle; stream health every minute"
            + " (or: ./mailsec status --data-dir "
            + dataDir
            + "). Ctrl-C stops.");
    out.flush();
    ServeCommand.collectUntilStopped(
        dir, collectors, Duration.ofMinutes(1), Duration.ZERO, err, stopped);
    return 0;
  }

  /**
   * The attack scenarios of the demo, one every 15 minutes from {@link #SCENARIOS_BEFORE} before
   * now: in the past so that their SIEM rows are already published when collection starts, and
   * early enough for the threat-intel feed of {@code indicator-hit} (up to 3.5 h later).
   */
  static final List<String> SCENARIOS =
      List.of(
          "malicious-attachment-delivered",
          "url-click-through",
          "logon-failures",
          "held-burst",
          "bypass-policy",
          "indicator-hit;order=event-first",
          "impersonation-wave");

  static final Duration SCENARIOS_BEFORE = Duration.ofHours(6);

  /** Injects {@link #SCENARIOS} into the simulator's history before {@code now}. */
  static List<InjectedScenario> injectScenarios(MimecastSimulator simulator, Instant now) {
    Instant at = now.minus(SCENARIOS_BEFORE).truncatedTo(ChronoUnit.MINUTES);
    List<InjectedScenario> injected = new ArrayList<>();
    for (String scenario : SCENARIOS) {
      int params = scenario.indexOf(';');
      String spec =
          params < 0
              ? scenario + "@" + at
              : scenario.substring(0, params) + "@" + at + scenario.substring(params);
      injected.add(simulator.scenarios().inject(spec));
      at = at.plus(Duration.ofMinutes(15));
    }
    return injected;
  }

  private static void printScenarios(PrintWriter out, List<InjectedScenario> injected) {
    if (injected.isEmpty()) {
      out.println("Scenarios:          none (--no-scenarios)");
      return;
    }
    out.println(
        "Scenarios:          injected "
            + injected.size()
            + " attacks between "
            + injected.get(0).at().truncatedTo(ChronoUnit.MINUTES)
            + " and "
            + injected.get(injected.size() - 1).at().truncatedTo(ChronoUnit.MINUTES)
            + ":");
    out.println(
        "                    "
            + String.join(", ", injected.stream().map(InjectedScenario::scenario).toList()));
    out.println(
        "                    their alerts appear on the console's Alerts page (#/alerts) and in"
            + " ./mailsec alerts list once the history is collected.");
  }

  /**
   * Adds the demo integrations, or refreshes them when the simulator's address or credentials
   * changed (another seed or port), keeping their checkpoints only when nothing changed.
   */
  static void ensureIntegrations(DataDirectory dir, MimecastSimulator simulator) {
    IntegrationRepository repo = dir.integrations();
    SecretVault vault = dir.vault();
    SimulatorCredentials c = simulator.credentials();
    Set<DataType> all = EnumSet.allOf(DataType.class);
    IntegrationConfig api2 =
        new IntegrationConfig(
            API2_NAME,
            "Demo: the simulator through API 2.0 (OAuth)",
            null,
            ApiVersion.V2,
            null,
            simulator.baseUrl(),
            null,
            null,
            null,
            null,
            c.api2ClientId(),
            vault.encrypt(c.api2ClientSecret()),
            all,
            null,
            Duration.ofDays(7),
            Duration.ofSeconds(30),
            List.of(),
            List.of(),
            true,
            Instant.now());
    IntegrationConfig api1 =
        new IntegrationConfig(
            API1_NAME,
            "Demo: the simulator through API 1.0 (HMAC)",
            null,
            ApiVersion.V1,
            null,
            simulator.baseUrl(),
            c.api1AppId(),
            vault.encrypt(c.api1AppKey()),
            vault.encrypt(c.api1AccessKey()),
            vault.encrypt(c.api1SecretKey()),
            null,
            null,
            all,
            null,
            Duration.ofDays(7),
            Duration.ofSeconds(30),
            List.of(),
            List.of(),
            true,
            Instant.now());
    for (IntegrationConfig wanted : List.of(api2, api1)) {
      var existing = repo.find(wanted.id());
      if (existing.isEmpty()) {
        repo.add(wanted);
      } else if (!sameTarget(existing.get(), wanted, vault)) {
        repo.update(wanted.id(), wanted);
      }
    }
  }

  private static boolean sameTarget(IntegrationConfig a, IntegrationConfig b, SecretVault vault) {
    return a.baseUrl() != null
        && a.baseUrl().equals(b.baseUrl())
        && a.apiVersion() == b.apiVersion()
        && Objects.equals(a.clientId(), b.clientId())
        && Objects.equals(revealed(vault, a.accessKey()), revealed(vault, b.accessKey()))
        && a.enabled();
  }

  /** Encrypted values differ on every write, so references are compared by what they hold. */
  private static String revealed(SecretVault vault, SecretRef ref) {
    if (ref == null) {
      return null;
    }
    try {
      return vault.resolve(ref).reveal();
    } catch (SecretUnavailableException e) {
      return null;
    }
  }
}
