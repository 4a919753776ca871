package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SIEM 2.0 stream endpoint (bearer) against the simulator. */
class SiemStreamContractTest {
  private SimulatorHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = SimulatorHarness.start();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void pagesThroughTheLastDayAndMatchesTheGroundTruth() {
    Instant end = SimulatorHarness.START;
    Instant start = end.minus(Duration.ofHours(23));
    List<String> truth =
        RecordKeys.truth(harness.groundTruth("siem"), "type", "aggregateId", "epochSecond").stream()
            .filter(
                key -> {
                  long second = Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
                  return second >= start.getEpochSecond() && second < end.getEpochSecond();
                })
            .toList();
    MimecastClient client = harness.api2();

    // Pages may overlap (a documented Mimecast defect), so events are collected as a set.
    Set<String> events = new LinkedHashSet<>();
    SiemStreamQuery query = new SiemStreamQuery(List.of(), start, end, 40, null);
    for (int pages = 0; pages < 10_000; pages++) {
      SiemEventPage page = client.siemStream().events(query);
      page.events().forEach(e -> events.add(e.text()));
      if (page.caughtUp() || page.nextPage() == null) {
        break;
      }
      query = query.withNextPage(page.nextPage());
    }

    assertThat(truth).isNotEmpty();
    assertThat(
            events.stream()
                .map(text -> RecordKeys.siem2(RawRecord.json("value", 1, text)))
                .toList())
        .containsExactlyInAnyOrderElementsOf(truth);
  }

  @Test
  void filtersByEventType() {
    Instant end = SimulatorHarness.START;

    SiemEventPage page =
        harness
            .api2()
            .siemStream()
            .events(
                new SiemStreamQuery(
                    List.of("delivery"), end.minus(Duration.ofHours(23)), end, 30, null));

    assertThat(page.events())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(RecordKeys.siem2(e)).startsWith("delivery|"));
  }

  @Test
  void aWindowOlderThanADayIsAValidationError() {
    Instant end = SimulatorHarness.START.minus(Duration.ofDays(3));

    assertThatThrownBy(
            () ->
                harness
                    .api2()
                    .siemStream()
                    .events(
                        new SiemStreamQuery(
                            List.of(), end.minus(Duration.ofHours(2)), end, 10, null)))
        .isInstanceOf(ValidationException.class);
  }
}
