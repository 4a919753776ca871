package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DLP logs over API 1.0 and 2.0 against the simulator. */
class DlpContractTest {
  private static final Instant TO = SimulatorHarness.START;
  private static final Instant FROM = TO.minus(Duration.ofDays(30));
  private SimulatorHarness harness;

  @BeforeEach
  void start() throws Exception {
    // DLP matches a small share of outbound mail: more traffic gives a few dozen records
    harness = SimulatorHarness.start(options -> options.messagesPerDay(3_000));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void dlpLogsPageToTheEndAndMatchTheGroundTruth(boolean api2) {
    MimecastClient client = harness.client(api2);

    List<RawRecord> records =
        LogEndpointContract.assertPagesToGroundTruth(
            harness,
            "dlp",
            List.of("recipient", "messageId", "policy", "epochSecond"),
            List.of("recipientAddress", "messageId", "policy"),
            "eventTime",
            token ->
                client.dlp().logs(DlpQuery.between(FROM, TO).withPageSize(3).withPageToken(token)));

    assertThat(records).allSatisfy(r -> assertThat(r.origin()).isEqualTo("dlpLogs"));
    List<Long> seconds =
        records.stream()
            .map(r -> RecordKeys.epochSecond(RecordKeys.json(r).path("eventTime").asText()))
            .toList();
    assertThat(seconds).as("oldest first").isSorted();
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void anEmptyWindowIsAnEmptyPageWithoutNext(boolean api2) {
    Instant longAgo = TO.minus(Duration.ofDays(400));

    LogPage page =
        harness.client(api2).dlp().logs(DlpQuery.between(longAgo, longAgo.plusSeconds(60)));

    assertThat(page.records()).isEmpty();
    assertThat(page.hasMore()).isFalse();
  }
}
