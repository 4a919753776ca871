package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Audit events over API 1.0 and 2.0 against the simulator. */
class AuditContractTest {
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
  void pagesThroughTenDaysNewestFirstAndMatchesTheGroundTruth(boolean api2) {
    Instant end = SimulatorHarness.START;
    Instant start = end.minus(Duration.ofDays(10));
    List<String> truth =
        RecordKeys.truth(harness.groundTruth("audit"), "id", "epochSecond").stream()
            .filter(
                key -> {
                  long second = Long.parseLong(key.substring(key.indexOf('|') + 1));
                  return second >= start.getEpochSecond() && second <= end.getEpochSecond();
                })
            .toList();
    MimecastClient client = harness.client(api2);

    List<RawRecord> records =
        LogEndpointContract.pageThrough(
            token ->
                client
                    .audit()
                    .events(AuditQuery.between(start, end).withPageSize(100).withPageToken(token)));

    assertThat(truth).isNotEmpty();
    List<String> keys =
        records.stream()
            .map(
                r ->
                    RecordKeys.join(
                        RecordKeys.json(r).path("id").asText(),
                        RecordKeys.epochSecond(RecordKeys.json(r).path("eventTime").asText())))
            .toList();
    assertThat(keys).containsExactlyInAnyOrderElementsOf(truth);
    List<Long> seconds =
        records.stream()
            .map(r -> RecordKeys.epochSecond(RecordKeys.json(r).path("eventTime").asText()))
            .toList();
    assertThat(seconds).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }
}
