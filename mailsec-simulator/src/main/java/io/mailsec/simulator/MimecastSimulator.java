package io.mailsec.simulator;

import io.mailsec.simulator.data.SimulatedAccount;
import io.mailsec.simulator.http.SimulatorServer;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, faithful stand-in for the Mimecast API 1.0 and 2.0 surface that log collectors use
 * (docs/simulator.md). One HTTP server serves everything: API 1.0 functions ({@code /api/...},
 * HMAC-signed), API 2.0 ({@code /oauth/token}, {@code /siem/v1/...}, and {@code /api/...} with a
 * bearer token), the pre-signed SIEM batch downloads, and the test-only admin paths under {@code
 * /__sim/}.
 *
 * <p>Data is deterministic: the same seed and the same clock instant give byte-identical responses
 * (links carry the address the client used). Thread-safe; {@link #close()} stops it promptly.
 *
 * <pre>{@code
 * try (MimecastSimulator sim = MimecastSimulator.start(SimulatorOptions.builder().seed(7).build())) {
 *   URI base = sim.baseUrl();
 *   SimulatorCredentials credentials = sim.credentials();
 *   sim.faults().arm(FaultType.RATE_LIMIT, 2, "/api/ttp");
 *   sim.scenarios().inject("url-click-through", null, Map.of());
 * }
 * }</pre>
 */
public final class MimecastSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MimecastSimulator.class);

  private final SimulatorServer server;
  private final SimulatorCredentials credentials;
  private final SimulatorFaults faults;
  private final SimulatorScenarios scenarios;

  private MimecastSimulator(
      SimulatorServer server,
      SimulatorCredentials credentials,
      SimulatorFaults faults,
      SimulatorScenarios scenarios) {
    this.server = server;
    this.credentials = credentials;
    this.faults = faults;
    this.scenarios = scenarios;
  }

  /**
   * Starts a simulator.
   *
   * @throws IOException if the address cannot be bound
   * @throws IllegalArgumentException if a start-up fault or scenario spec is invalid
   */
  public static MimecastSimulator start(SimulatorOptions options) throws IOException {
    SimulatorFaults faults = new SimulatorFaults();
    for (String spec : options.startupFaults()) {
      faults.arm(spec);
    }
    SimulatedAccount account =
        new SimulatedAccount(options.seed(), options.messagesPerDay(), options.history());
    SimulatorScenarios scenarios = new SimulatorScenarios(account, options.clock());
    for (String spec : options.startupScenarios()) {
      scenarios.inject(spec);
    }
    SimulatorCredentials credentials =
        SimulatorCredentials.derive(options.seed(), account.tenant().primaryDomain());
    SimulatorServer server =
        SimulatorServer.start(options, account, credentials, faults, scenarios, faults::fire);
    LOG.info(
        "Mimecast simulator listening on {} (seed {}, {} messages/day, history {})",
        server.baseUrl(),
        options.seed(),
        options.messagesPerDay(),
        options.history());
    return new MimecastSimulator(server, credentials, faults, scenarios);
  }

  /** {@code http://<address>:<port>}: the base of every path the simulator serves. */
  public URI baseUrl() {
    return server.baseUrl();
  }

  public int port() {
    return server.port();
  }

  public SimulatorCredentials credentials() {
    return credentials;
  }

  /** The fault switches, shared with the {@code /__sim/faults} admin endpoint. */
  public SimulatorFaults faults() {
    return faults;
  }

  /** Scenario injection, shared with the {@code /__sim/scenarios} admin endpoint. */
  public SimulatorScenarios scenarios() {
    return scenarios;
  }

  @Override
  public void close() {
    server.close();
  }
}
