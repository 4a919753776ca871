package io.mailsec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.server.DataDirectory;
import io.mailsec.server.collect.Collector;
import io.mailsec.server.collect.HealthFile;
import io.mailsec.server.collect.StreamState;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous collector as {@code serve} and {@code demo} run it, against the real simulator: it
 * publishes health for {@code status}, and {@code search} reads the store from "another process" (a
 * read-only view) while the collector holds the writer.
 */
class ServeStatusSearchTest {
  @TempDir Path dir;

  @Test
  void collectsContinuouslyWhileStatusAndSearchReadAlongside() throws Exception {
    SimulatorOptions options =
        SimulatorOptions.builder()
            .port(0)
            .seed(3)
            .messagesPerDay(50)
            .history(Duration.ofDays(1))
            .rateLimitPerMinute(100_000)
            .build();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (MimecastSimulator sim = MimecastSimulator.start(options);
        DataDirectory data = DataDirectory.open(dir)) {
      DemoCommand.ensureIntegrations(data, sim);
      CountDownLatch stop = new CountDownLatch(1);
      StringWriter log = new StringWriter();
      Future<?> serving;
      try (Collector collector = Wiring.collector(data, data.integrations().list())) {
        serving =
            thread.submit(
                () -> {
                  ServeCommand.collectUntilStopped(
                      data,
                      collector,
                      Duration.ofSeconds(1),
                      Duration.ofDays(30),
                      new PrintWriter(log, true),
                      stop);
                  return null;
                });

        HealthFile health = new HealthFile(dir);
        int streams = data.integrations().list().stream().mapToInt(i -> i.dataTypes().size()).sum();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!allCaughtUp(health, streams) && System.nanoTime() < deadline) {
          Thread.sleep(500);
        }
        assertThat(allCaughtUp(health, streams))
            .as("every stream caught up; log:%n%s", log)
            .isTrue();

        CliRun status = CliRun.of("status", "--data-dir", dir.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out())
            .contains("Live health from the collector")
            .contains("INTEGRATION")
            .contains("mimecast2.0demo/siem")
            .contains("CONNECTED")
            .contains("Stored:");

        CliRun metrics =
            CliRun.of("status", "--data-dir", dir.toString(), "--format", "prometheus");
        assertThat(metrics.out())
            .contains(
                "mailsec_stream_state{integration=\"mimecast2.0demo\",data_type=\"siem\","
                    + "state=\"CONNECTED\"} 1")
            .containsPattern(
                "mailsec_stored_events\\{integration=\"mimecast1.0demo\",data_type=\"audit\"\\} [1-9]");

        CliRun search =
            CliRun.of(
                "search",
                "--data-dir",
                dir.toString(),
                "--since",
                "2d",
                "--format",
                "ndjson",
                "--limit",
                "5",
                "FROM email WHERE ingest.integration_id = 'mimecast1.0demo'");
        assertThat(search.exitCode()).as(search.err()).isZero();
        assertThat(search.out().lines()).hasSize(5).allMatch(l -> l.contains("mimecast1.0demo"));

        CliRun counts =
            CliRun.of(
                "search",
                "--data-dir",
                dir.toString(),
                "--format",
                "csv",
                "WHERE sensor_type = 'Mimecast' EARLIEST=-2d"
                    + " | aggregate count by ingest.integration_id | sort ingest.integration_id");
        assertThat(counts.exitCode()).as(counts.err()).isZero();
        List<String> rows = counts.out().lines().toList();
        assertThat(rows.get(0)).isEqualTo("ingest.integration_id,count");
        assertThat(rows.subList(1, rows.size()))
            .extracting(row -> row.substring(0, row.indexOf(',')))
            .containsExactly("mimecast1.0demo", "mimecast2.0demo");
        assertThat(rows.subList(1, rows.size()))
            .allSatisfy(
                row ->
                    assertThat(Long.parseLong(row.substring(row.indexOf(',') + 1))).isPositive());

        CliRun explained =
            CliRun.of(
                "search",
                "--data-dir",
                dir.toString(),
                "--since",
                "2h",
                "--explain",
                "WHERE @hash IS NULL");
        assertThat(explained.exitCode()).as(explained.err()).isZero();
        assertThat(explained.out())
            .startsWith("FROM email, threat_indicator WHERE ")
            .contains("EARLIEST='");

        CliRun bad =
            CliRun.of(
                "search",
                "--data-dir",
                dir.toString(),
                "FROM email\nWHERE from_email_adress = 'x'");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().lines().toList())
            .containsExactly(
                "error: 2:7 unknown field 'from_email_adress' in schema email; did you mean"
                    + " from_email_address?",
                "  WHERE from_email_adress = 'x'",
                "        ^");
        stop.countDown();
        serving.get(60, TimeUnit.SECONDS);
      }
      assertThat(log.toString()).contains("STREAM").contains("Stopping");
    } finally {
      thread.shutdownNow();
    }
  }

  private static boolean allCaughtUp(HealthFile file, int streams) {
    return file.read()
        .map(
            s ->
                s.streams().size() == streams
                    && s.streams().stream()
                        .allMatch(h -> h.caughtUp() && h.state() == StreamState.CONNECTED))
        .orElse(false);
  }
}
