package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TTP URL, attachment and impersonation logs over API 1.0 and 2.0 against the simulator. */
class TtpContractTest {
  private static final Instant TO = SimulatorHarness.START;
  private static final Instant FROM = TO.minus(Duration.ofDays(30));
  private SimulatorHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = SimulatorHarness.start();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void urlClickLogsPageToTheEndAndMatchTheGroundTruth(boolean api2) {
    MimecastClient client = harness.client(api2);

    List<RawRecord> records =
        LogEndpointContract.assertPagesToGroundTruth(
            harness,
            "ttp-url",
            List.of("user", "url", "messageId", "epochSecond"),
            List.of("userEmailAddress", "url", "messageId"),
            "date",
            token ->
                client
                    .ttp()
                    .urlLogs(TtpUrlQuery.between(FROM, TO).withPageSize(7).withPageToken(token)));

    assertThat(records).allSatisfy(r -> assertThat(r.origin()).isEqualTo("clickLogs"));
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void attachmentLogsPageToTheEndAndMatchTheGroundTruth(boolean api2) {
    MimecastClient client = harness.client(api2);

    LogEndpointContract.assertPagesToGroundTruth(
        harness,
        "ttp-attachment",
        List.of("recipient", "fileHash", "messageId", "epochSecond"),
        List.of("recipientAddress", "fileHash", "messageId"),
        "date",
        token ->
            client
                .ttp()
                .attachmentLogs(
                    TtpAttachmentQuery.between(FROM, TO).withPageSize(10).withPageToken(token)));
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void impersonationLogsPageToTheEndAndMatchTheGroundTruth(boolean api2) {
    MimecastClient client = harness.client(api2);

    LogEndpointContract.assertPagesToGroundTruth(
        harness,
        "ttp-impersonation",
        List.of("recipient", "sender", "messageId", "epochSecond"),
        List.of("recipientAddress", "senderAddress", "messageId"),
        "eventTime",
        token ->
            client
                .ttp()
                .impersonationLogs(
                    TtpImpersonationQuery.between(FROM, TO).withPageSize(2).withPageToken(token)));
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void filtersUrlClicksByScanResult(boolean api2) {
    TtpUrlQuery malicious = new TtpUrlQuery(FROM, TO, true, "all", "malicious", 50, null);

    List<RawRecord> records =
        LogEndpointContract.pageThrough(
            token -> harness.client(api2).ttp().urlLogs(malicious.withPageToken(token)));

    assertThat(records)
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(RecordKeys.json(r).path("scanResult").asText()).isEqualTo("malicious"));
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void oldestFirstReturnsAscendingDates(boolean api2) {
    List<RawRecord> records =
        LogEndpointContract.pageThrough(
            token ->
                harness
                    .client(api2)
                    .ttp()
                    .urlLogs(TtpUrlQuery.between(FROM, TO).withPageSize(50).withPageToken(token)));

    List<Long> seconds =
        records.stream()
            .map(r -> RecordKeys.epochSecond(RecordKeys.json(r).path("date").asText()))
            .toList();
    assertThat(seconds).isNotEmpty().isSorted();
  }
}
