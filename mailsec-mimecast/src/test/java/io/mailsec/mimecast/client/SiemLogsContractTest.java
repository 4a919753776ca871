package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SIEM 1.0 file API (HMAC) against the simulator. */
class SiemLogsContractTest {
  private static final int MAX_FILES = 20_000;
  private SimulatorHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = SimulatorHarness.start();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** Fetches files from {@code token} until Mimecast reports caught up. */
  private Result readToEnd(MimecastClient client, SiemLogsQuery first) {
    List<RawRecord> records = new ArrayList<>();
    SiemLogsQuery query = first;
    for (int files = 0; files < MAX_FILES; files++) {
      try (SiemLogFile file = client.siemLogs().fetch(query)) {
        if (file.caughtUp()) {
          return new Result(records, file.nextToken(), files);
        }
        assertThat(file.nextToken()).isNotBlank();
        file.records().forEachRemaining(records::add);
        query = query.withToken(file.nextToken());
      }
    }
    throw new AssertionError("never caught up");
  }

  private record Result(List<RawRecord> records, String token, int files) {}

  @ParameterizedTest(name = "{0}, compress={1}")
  @CsvSource({"JSON, true", "JSON, false", "KEY_VALUE, true", "KEY_VALUE, false"})
  void readsEveryRetainedFileUntilCaughtUp(SiemFileFormat format, boolean compress) {
    List<String> truth =
        RecordKeys.truth(harness.groundTruth("siem"), "type", "aggregateId", "epochSecond");

    Result result = readToEnd(harness.api1(), new SiemLogsQuery(null, format, compress));

    assertThat(result.files()).isPositive();
    assertThat(result.records())
        .allSatisfy(
            r ->
                assertThat(r.format())
                    .isEqualTo(
                        format == SiemFileFormat.JSON
                            ? RecordFormat.JSON
                            : RecordFormat.KEY_VALUE));
    assertThat(result.records().stream().map(RecordKeys::siem1).toList())
        .containsExactlyInAnyOrderElementsOf(truth);
  }

  @Test
  void aCaughtUpTokenKeepsReturningCaughtUpWithoutReplayingFiles() {
    Result first = readToEnd(harness.api1(), SiemLogsQuery.fromOldest());

    Result again = readToEnd(harness.api1(), SiemLogsQuery.fromOldest().withToken(first.token()));

    assertThat(first.records()).isNotEmpty();
    assertThat(again.records()).isEmpty();
  }

  @Test
  void anUnknownTokenIsAnInvalidSiemToken() {
    assertThatThrownBy(
            () ->
                harness
                    .api1()
                    .siemLogs()
                    .fetch(SiemLogsQuery.fromOldest().withToken("not-a-token-at-all"))
                    .close())
        .isInstanceOf(InvalidSiemTokenException.class)
        .satisfies(e -> assertThat(((MimecastApiException) e).adviceForAdmin()).contains("Reset"));
  }

  @Test
  void aMalformedRecordIsStillReturnedRaw() {
    int wellFormed =
        readToEnd(harness.api1(), new SiemLogsQuery(null, SiemFileFormat.JSON, false))
            .records()
            .size();
    harness.arm("malformed-line", 1, "/api/audit/get-siem-logs");

    List<RawRecord> records =
        readToEnd(harness.api1(), new SiemLogsQuery(null, SiemFileFormat.JSON, false)).records();

    assertThat(records).hasSize(wellFormed);
    List<RawRecord> broken =
        records.stream().filter(r -> Json.treeOrNull(r.text()) == null).toList();
    assertThat(broken).hasSize(1);
    assertThat(broken.get(0).text()).startsWith("{");
  }
}
