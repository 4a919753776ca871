package io.mailsec.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.auth.AdminBootstrap;
import io.mailsec.server.auth.Role;
import io.mailsec.server.collect.Collector;
import io.mailsec.server.collect.CollectorSupervisor;
import io.mailsec.server.collect.MimecastClients;
import io.mailsec.server.collect.MimecastSourceProvider;
import io.mailsec.server.config.ApiVersion;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.server.web.WebServer;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The set-up of the console's browser journeys: the real simulator and the real {@link WebServer}
 * wired as {@code mailsec serve} wires it (a data directory, a {@link CollectorSupervisor}
 * committing through detection, the first admin from {@value AdminBootstrap#PASSWORD_ENV}), plus a
 * viewer. In two steps, so a test can inject simulator scenarios before collection starts: the
 * constructor starts the simulator, {@link #serve} the server and collection.
 */
final class JourneyServer implements AutoCloseable {
  static final String ADMIN_PASSWORD = "journey-admin-password";
  static final String VIEWER_PASSWORD = "journey-viewer-password";

  final MimecastSimulator sim;
  final DataDirectory data;
  CollectorSupervisor collectors;
  WebServer server;

  JourneyServer(Path dir, int messagesPerDay) throws java.io.IOException {
    sim =
        MimecastSimulator.start(
            SimulatorOptions.builder()
                .port(0)
                .seed(7)
                .messagesPerDay(messagesPerDay)
                .history(Duration.ofDays(1))
                .rateLimitPerMinute(1_000_000)
                .build());
    data = DataDirectory.open(dir);
  }

  /** Stores the integrations, then starts the server and collection of those integrations. */
  void serve(List<IntegrationConfig> integrations) throws Exception {
    integrations.forEach(data.integrations()::add);
    collectors = supervisorAsServeWiresIt(data, integrations);
    server = WebServer.builder(data).collectors(collectors).listen("127.0.0.1", 0).build();
    AdminBootstrap.Outcome admin =
        AdminBootstrap.ensureAdmin(
            server.users(), Map.of(AdminBootstrap.PASSWORD_ENV, ADMIN_PASSWORD)::get);
    assertThat(admin.created()).isTrue();
    server.users().add("viewer", Role.VIEWER, VIEWER_PASSWORD);
    server.start();
    collectors.start(Collector.ProgressListener.NONE);
  }

  /** An API 2.0 integration of every data type against the simulator, looking back one day. */
  IntegrationConfig simulatorIntegration(String name) {
    SimulatorCredentials c = sim.credentials();
    return new IntegrationConfig(
        name,
        "Journey: the simulator through API 2.0",
        null,
        ApiVersion.V2,
        null,
        sim.baseUrl(),
        null,
        null,
        null,
        null,
        c.api2ClientId(),
        data.vault().encrypt(c.api2ClientSecret()),
        EnumSet.allOf(DataType.class),
        null,
        Duration.ofDays(1),
        Duration.ofSeconds(10),
        List.of(),
        List.of(),
        true,
        Instant.now());
  }

  /** What cli/Wiring.supervisor builds for {@code serve}. */
  private static CollectorSupervisor supervisorAsServeWiresIt(
      DataDirectory data, List<IntegrationConfig> integrations) {
    MimecastClients clients =
        new MimecastClients(data.vault(), RateBudgets.create(), ClientSettings.defaults());
    MimecastSourceProvider sources = new MimecastSourceProvider(Clock.systemUTC());
    return CollectorSupervisor.of(
        integrations,
        integration ->
            Collector.forIntegrations(
                List.of(integration),
                clients,
                sources,
                data.detection().collectingStore(),
                Clock.systemUTC(),
                4));
  }

  String consoleUrl() {
    return server.baseUrl() + "/";
  }

  /** Closes the journey's browser, then the journey; either may be null (never started). */
  static void closeBoth(Browser browser, JourneyServer journey) throws java.io.IOException {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (journey != null) {
        journey.close();
      }
    }
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      try {
        if (collectors != null) {
          collectors.close();
        }
      } finally {
        try {
          data.close();
        } finally {
          sim.close();
        }
      }
    }
  }
}
