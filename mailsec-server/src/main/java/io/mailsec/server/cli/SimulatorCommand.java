package io.mailsec.server.cli;

import io.mailsec.core.Durations;
import io.mailsec.simulator.ArmedFault;
import io.mailsec.simulator.InjectedScenario;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailsec simulator}: runs the Mimecast API simulator until Ctrl-C or SIGTERM. It prints the
 * simulator's own credentials on purpose: they belong to a local test double, and a user needs them
 * to configure an integration against it.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    description = {
      "Run a local stand-in for the Mimecast API 1.0 and 2.0 (see docs/simulator.md).",
      "Data is synthetic and deterministic for a seed; runs until interrupted."
    })
final class SimulatorCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "18089", description = "TCP port (0 = any free port).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on.")
  String bind;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of all data and credentials.")
  long seed;

  @Option(
      names = "--messages-per-day",
      defaultValue = "2000",
      description = "Average number of messages per day.")
  int messagesPerDay;

  @Option(
      names = "--history-days",
      defaultValue = "7",
      description = "Days of retained SIEM files, TTP logs and feed files.")
  int historyDays;

  @Option(
      names = "--token-lifetime",
      defaultValue = "1799s",
      converter = DurationConverter.class,
      description = "API 2.0 access-token lifetime, e.g. 30m, 90s.")
  Duration tokenLifetime;

  @Option(
      names = "--fault",
      paramLabel = "SPEC",
      description =
          "Arm a fault at start, name[:times[:pathPrefix]] (repeatable), e.g. rate-limit:3:/api/ttp."
              + " Names: rate-limit, server-error, slow, timeout, truncated-gzip, malformed-line,"
              + " expired-urls, revoke-tokens, expire-binding.")
  List<String> faults = new ArrayList<>();

  @Option(
      names = "--scenario",
      paramLabel = "SPEC",
      description =
          "Inject a scenario at start, name[@time][;key=value...] (repeatable), e.g."
              + " 'impersonation-wave@2024-11-13T10:00:00Z;count=8'. Give the time to get the same"
              + " records after a restart. Names: malicious-attachment-delivered,"
              + " url-click-through, impersonation-wave, indicator-hit, logon-failures,"
              + " held-burst, bypass-policy.")
  List<String> scenarios = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Parses {@code 30m}, {@code 90s}, {@code 1h}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Durations.parse(value, "this option");
    }
  }

  @Override
  public Integer call() throws Exception {
    if (historyDays < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--history-days must be at least 1");
    }
    SimulatorOptions options =
        SimulatorOptions.builder()
            .bindAddress(bind)
            .port(port)
            .seed(seed)
            .messagesPerDay(messagesPerDay)
            .history(Duration.ofDays(historyDays))
            .tokenLifetime(tokenLifetime)
            .startupFaults(faults)
            .startupScenarios(scenarios)
            .build();
    MimecastSimulator simulator = MimecastSimulator.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "simulator-shutdown"));
    printBanner(spec.commandLine().getOut(), simulator, options);
    stopped.await();
    return 0;
  }

  private static void printBanner(
      PrintWriter out, MimecastSimulator simulator, SimulatorOptions options) {
    String base = simulator.baseUrl().toString();
    SimulatorCredentials c = simulator.credentials();
    out.println("Mimecast simulator listening on " + base);
    out.println(
        "  seed "
            + options.seed()
            + ", "
            + options.messagesPerDay()
            + " messages/day, "
            + options.history().toDays()
            + " days of history, token lifetime "
            + Durations.describe(options.tokenLifetime()));
    out.println();
    out.println("API 2.0 (OAuth 2.0 client credentials)");
    field(out, "base URL", base);
    field(out, "client id", c.api2ClientId());
    field(out, "client secret", c.api2ClientSecret());
    out.println();
    out.println("API 1.0 (HMAC-signed requests)");
    field(out, "base URL", base + "  (discover-authentication returns it too)");
    field(out, "application id", c.api1AppId());
    field(out, "application key", c.api1AppKey());
    field(out, "access key", c.api1AccessKey());
    field(out, "secret key", c.api1SecretKey());
    field(out, "user", c.api1Email());
    field(out, "password", c.api1Password());
    out.println();
    out.println("Admin (test-only, no authentication)");
    out.println("  GET    " + base + "/__sim/health");
    out.println("  GET    " + base + "/__sim/faults");
    out.println(
        "  POST   "
            + base
            + "/__sim/faults   {\"name\":\"rate-limit\",\"times\":3,\"path\":\"/api/ttp\"}");
    out.println("  DELETE " + base + "/__sim/faults");
    out.println(
        "  GET    "
            + base
            + "/__sim/ground-truth?type=siem|ttp-url|ttp-attachment|ttp-impersonation|dlp|threat-intel|audit");
    out.println("  GET    " + base + "/__sim/scenarios");
    out.println(
        "  POST   "
            + base
            + "/__sim/scenarios   {\"scenario\":\"url-click-through\",\"params\":{}}");
    List<ArmedFault> armed = simulator.faults().armed();
    if (!armed.isEmpty()) {
      out.println();
      out.println("Armed faults");
      for (ArmedFault fault : armed) {
        out.println(
            "  "
                + fault.type().specName()
                + " x"
                + (fault.remaining() < 0 ? "unlimited" : fault.remaining())
                + (fault.pathPrefix() == null ? "" : " on " + fault.pathPrefix()));
      }
    }
    List<InjectedScenario> injected = simulator.scenarios().injected();
    if (!injected.isEmpty()) {
      out.println();
      out.println("Injected scenarios");
      for (InjectedScenario scenario : injected) {
        out.println(
            "  "
                + scenario.id()
                + " "
                + scenario.scenario()
                + " at "
                + scenario.at()
                + ", complete at "
                + scenario.completeAt());
      }
    }
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private static void field(PrintWriter out, String label, String value) {
    out.printf("  %-16s %s%n", label, value);
  }
}
