package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transient faults (rate-limit, server-error, slow, timeout) are retried and every endpoint
 * succeeds on both API versions; the result equals the fault-free result.
 */
class FaultsContractTest {
  private static final Instant NOW = SimulatorHarness.START;
  private SimulatorHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = SimulatorHarness.start();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** One call per endpoint, reduced to a comparable value. */
  private record Call(
      String name, String pathPrefix, boolean api2, Function<MimecastClient, Object> run) {
    @Override
    public String toString() {
      return name + (api2 ? " (2.0)" : " (1.0)");
    }
  }

  private static List<String> texts(RecordStream stream) {
    try (stream) {
      return stream.stream().map(RawRecord::text).toList();
    }
  }

  static Stream<Call> calls() {
    return Stream.of(
        new Call(
            "siem-logs",
            "/api/audit/get-siem-logs",
            false,
            c -> {
              try (SiemLogFile file = c.siemLogs().fetch(SiemLogsQuery.fromOldest())) {
                return List.of(String.valueOf(file.nextToken()), texts(file.records()));
              }
            }),
        new Call(
            "siem-batch",
            "/siem/v1/batch",
            true,
            c -> c.siemBatch().list(SiemBatchQuery.allTypes().withPageSize(5)).nextPage()),
        new Call(
            "siem-batch-download",
            "/downloads/",
            true,
            c ->
                texts(
                    c.siemBatch()
                        .download(
                            c.siemBatch()
                                .list(
                                    new SiemBatchQuery(
                                        List.of("receipt"),
                                        LocalDate.of(2026, 11, 20),
                                        null,
                                        1,
                                        null))
                                .files()
                                .get(0)))),
        new Call(
            "siem-stream",
            "/siem/v1/events",
            true,
            c ->
                c.siemStream()
                    .events(
                        new SiemStreamQuery(
                            List.of(), NOW.minus(Duration.ofHours(2)), NOW, 20, null))
                    .events()),
        ttp(false),
        ttp(true),
        new Call(
            "ttp-attachment",
            "/api/ttp/attachment",
            true,
            c ->
                c.ttp()
                    .attachmentLogs(TtpAttachmentQuery.between(NOW.minus(Duration.ofDays(3)), NOW))
                    .records()),
        new Call(
            "ttp-impersonation",
            "/api/ttp/impersonation",
            false,
            c ->
                c.ttp()
                    .impersonationLogs(
                        TtpImpersonationQuery.between(NOW.minus(Duration.ofDays(7)), NOW))
                    .records()),
        new Call(
            "dlp",
            "/api/dlp",
            true,
            c -> c.dlp().logs(DlpQuery.between(NOW.minus(Duration.ofDays(3)), NOW)).records()),
        feed(false),
        feed(true),
        audit(false),
        audit(true));
  }

  private static Call ttp(boolean api2) {
    return new Call(
        "ttp-url",
        "/api/ttp/url",
        api2,
        c -> c.ttp().urlLogs(TtpUrlQuery.between(NOW.minus(Duration.ofDays(2)), NOW)).records());
  }

  private static Call feed(boolean api2) {
    return new Call(
        "threat-feed",
        "/api/ttp/threat-intel",
        api2,
        c -> {
          try (ThreatFeedFile file =
              c.threatFeed()
                  .fetch(
                      ThreatFeedQuery.between(
                          ThreatFeedType.MALWARE_GRID,
                          ThreatFeedFormat.STIX,
                          NOW.minus(Duration.ofDays(2)),
                          NOW))) {
            return List.of(String.valueOf(file.nextToken()), texts(file.records()));
          }
        });
  }

  private static Call audit(boolean api2) {
    return new Call(
        "audit",
        "/api/audit/get-audit-events",
        api2,
        c -> c.audit().events(AuditQuery.between(NOW.minus(Duration.ofDays(1)), NOW)).records());
  }

  static Stream<Arguments> transientFaults() {
    return calls()
        .flatMap(
            call ->
                Stream.of("rate-limit", "server-error", "slow", "timeout")
                    .filter(
                        fault ->
                            !(fault.equals("rate-limit")
                                && call.name().equals("siem-batch-download")))
                    .map(fault -> Arguments.of(fault, call)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("transientFaults")
  void transientFaultsAreRetriedAndTheCallSucceeds(String fault, Call call) {
    harness.settings =
        harness.settings.withRequestTimeout(Duration.ofMillis(fault.equals("slow") ? 8000 : 700));
    MimecastClient client = harness.client(call.api2());
    Object expected = call.run().apply(client);
    // Two failures in a row for the cheap faults; one for those that cost real seconds.
    harness.arm(fault, fault.equals("slow") || fault.equals("timeout") ? 1 : 2, call.pathPrefix());

    Object actual = call.run().apply(client);

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void throttlingIsSharedThroughTheBudgetAndEveryCallSucceeds() throws Exception {
    harness.close();
    harness = SimulatorHarness.start(builder -> builder.rateLimitPerMinute(5));
    MimecastClient first = harness.api2();
    MimecastClient second = harness.api2();

    for (int i = 0; i < 12; i++) {
      MimecastClient client = i % 2 == 0 ? first : second;
      assertThat(
              client
                  .ttp()
                  .urlLogs(TtpUrlQuery.between(NOW.minus(Duration.ofDays(2)), NOW))
                  .records())
          .isNotEmpty();
    }

    // 12 calls at 5 per minute span at least three one-minute windows: the client must have
    // waited, either ahead of time (remaining 0 + reset) or after a 429.
    assertThat(second.rateBudget()).isSameAs(first.rateBudget());
    assertThat(first.rateBudget().snapshot().limit()).isEqualTo(5);
    assertThat(harness.time.totalSlept()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
  }
}
