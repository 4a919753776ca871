package io.mailsec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.server.collect.HealthFile;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin's path through the CLI against the real simulator: add an integration, test it (good and
 * bad credentials), collect once, then run {@code serve} as a separate process and stop it with
 * SIGTERM.
 */
class CommandLineJourneyTest {
  @TempDir Path dir;

  @Test
  void addTestCollectServeAndStopWithSigterm() throws Exception {
    SimulatorOptions options =
        SimulatorOptions.builder()
            .port(0)
            .seed(5)
            .messagesPerDay(40)
            .history(Duration.ofDays(1))
            .rateLimitPerMinute(100_000)
            .build();
    try (MimecastSimulator sim = MimecastSimulator.start(options)) {
      SimulatorCredentials c = sim.credentials();
      String data = dir.toString();
      CliRun add =
          CliRun.of(
              "integration",
              "add",
              "--name",
              "Sim",
              "--api",
              "2.0",
              "--base-url",
              sim.baseUrl().toString(),
              "--client-id",
              c.api2ClientId(),
              "--client-secret",
              c.api2ClientSecret(),
              "--types",
              "siem,ttp-url,audit",
              "--look-back",
              "1d",
              "--poll-interval",
              "10s",
              "--data-dir",
              data);
      assertThat(add.exitCode()).as(add.err()).isZero();

      CliRun test = CliRun.of("integration", "test", "Sim", "--data-dir", data);
      assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
      assertThat(test.out()).contains("siem").contains("ttp-url").contains("audit").contains("OK");

      CliRun addBad =
          CliRun.of(
              "integration",
              "add",
              "--name",
              "WrongSecret",
              "--api",
              "2.0",
              "--base-url",
              sim.baseUrl().toString(),
              "--client-id",
              c.api2ClientId(),
              "--client-secret",
              "not-the-secret",
              "--types",
              "audit",
              "--data-dir",
              data);
      assertThat(addBad.exitCode()).isZero();
      CliRun testBad = CliRun.of("integration", "test", "WrongSecret", "--data-dir", data);
      assertThat(testBad.exitCode()).isEqualTo(3);
      assertThat(testBad.out()).contains("FAILED").containsIgnoringCase("client");
      assertThat(CliRun.of("integration", "remove", "WrongSecret", "--data-dir", data).exitCode())
          .isZero();

      CliRun collect = CliRun.of("collect", "--once", "--data-dir", data);
      assertThat(collect.exitCode()).as(collect.err()).isZero();
      assertThat(collect.out())
          .contains("sim/siem")
          .contains("sim/ttp-url")
          .contains("sim/audit")
          .contains("caught up")
          .doesNotContain("FAILED");

      Path log = dir.resolve("serve.log");
      Process serve =
          new ProcessBuilder(
                  javaBinary(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  MailsecCommand.class.getName(),
                  "serve",
                  "--data-dir",
                  data)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        HealthFile health = new HealthFile(dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (health.read().filter(HealthFile.Snapshot::running).isEmpty()
            && System.nanoTime() < deadline) {
          Thread.sleep(300);
        }
        assertThat(health.read())
            .as(read(log))
            .hasValueSatisfying(h -> assertThat(h.running()).isTrue());

        serve.destroy(); // SIGTERM
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        assertThat(read(log)).contains("Stopping: finishing the batches in flight");
        assertThat(health.read())
            .hasValueSatisfying(h -> assertThat(h.running()).as("marked stopped").isFalse());
      } finally {
        serve.destroyForcibly();
      }
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String read(Path file) throws Exception {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
