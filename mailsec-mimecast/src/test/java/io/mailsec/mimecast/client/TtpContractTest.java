package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

  /**
   * Follows next tokens to the end. The simulator serves empty pages with a next token in the
   * middle of the data, so only a missing token (or many empty pages in a row) ends the paging.
   */
  static List<RawRecord> pageThrough(Function<String, LogPage> fetch) {
    List<RawRecord> records = new ArrayList<>();
    String token = null;
    int emptyInARow = 0;
    for (int pages = 0; pages < 10_000; pages++) {
      LogPage page = fetch.apply(token);
      records.addAll(page.records());
      emptyInARow = page.records().isEmpty() ? emptyInARow + 1 : 0;
      if (!page.hasMore() || emptyInARow > 5) {
        return records;
      }
      token = page.nextPageToken();
    }
    throw new AssertionError("paging did not end");
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void urlClickLogsPageToTheEndAndMatchTheGroundTruth(boolean api2) {
    List<String> truth =
        RecordKeys.truth(harness.groundTruth("ttp-url"), "user", "url", "messageId", "epochSecond");
    MimecastClient client = harness.client(api2);

    List<RawRecord> records =
        pageThrough(
            token ->
                client
                    .ttp()
                    .urlLogs(TtpUrlQuery.between(FROM, TO).withPageSize(7).withPageToken(token)));

    assertThat(records).allSatisfy(r -> assertThat(r.origin()).isEqualTo("clickLogs"));
    assertThat(records)
        .extracting(
            r ->
                RecordKeys.join(
                    RecordKeys.json(r).path("userEmailAddress").asText(),
                    RecordKeys.json(r).path("url").asText(),
                    RecordKeys.json(r).path("messageId").asText(),
                    RecordKeys.epochSecond(RecordKeys.json(r).path("date").asText())))
        .containsExactlyInAnyOrderElementsOf(truth);
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void attachmentLogsPageToTheEndAndMatchTheGroundTruth(boolean api2) {
    List<String> truth =
        RecordKeys.truth(
            harness.groundTruth("ttp-attachment"),
            "recipient",
            "fileHash",
            "messageId",
            "epochSecond");
    MimecastClient client = harness.client(api2);

    List<RawRecord> records =
        pageThrough(
            token ->
                client
                    .ttp()
                    .attachmentLogs(
                        TtpAttachmentQuery.between(FROM, TO)
                            .withPageSize(10)
                            .withPageToken(token)));

    assertThat(records)
        .extracting(
            r ->
                RecordKeys.join(
                    RecordKeys.json(r).path("recipientAddress").asText(),
                    RecordKeys.json(r).path("fileHash").asText(),
                    RecordKeys.json(r).path("messageId").asText(),
                    RecordKeys.epochSecond(RecordKeys.json(r).path("date").asText())))
        .containsExactlyInAnyOrderElementsOf(truth);
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void impersonationLogsPageToTheEndAndMatchTheGroundTruth(boolean api2) {
    List<String> truth =
        RecordKeys.truth(
            harness.groundTruth("ttp-impersonation"),
            "recipient",
            "sender",
            "messageId",
            "epochSecond");
    MimecastClient client = harness.client(api2);

    List<RawRecord> records =
        pageThrough(
            token ->
                client
                    .ttp()
                    .impersonationLogs(
                        TtpImpersonationQuery.between(FROM, TO)
                            .withPageSize(2)
                            .withPageToken(token)));

    assertThat(records)
        .extracting(
            r ->
                RecordKeys.join(
                    RecordKeys.json(r).path("recipientAddress").asText(),
                    RecordKeys.json(r).path("senderAddress").asText(),
                    RecordKeys.json(r).path("messageId").asText(),
                    RecordKeys.epochSecond(RecordKeys.json(r).path("eventTime").asText())))
        .containsExactlyInAnyOrderElementsOf(truth);
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void filtersUrlClicksByScanResult(boolean api2) {
    TtpUrlQuery malicious = new TtpUrlQuery(FROM, TO, true, "all", "malicious", 50, null);

    List<RawRecord> records =
        pageThrough(token -> harness.client(api2).ttp().urlLogs(malicious.withPageToken(token)));

    assertThat(records)
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(RecordKeys.json(r).path("scanResult").asText()).isEqualTo("malicious"));
  }

  @ParameterizedTest(name = "api2={0}")
  @ValueSource(booleans = {false, true})
  void oldestFirstReturnsAscendingDates(boolean api2) {
    List<RawRecord> records =
        pageThrough(
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
