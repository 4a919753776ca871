package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiemStreamApiTest extends SimulatorTestBase {
  private static final String PATH = "/siem/v1/events/cg?";
  private String token;

  @BeforeEach
  void startSimulator() throws Exception {
    startSmall();
    token = client.token();
  }

  @Test
  void aWindowStartingMoreThan24HoursAgoIsRejected() {
    String start = clock.instant().minus(Duration.ofHours(25)).toString();
    HttpResponse<byte[]> response = client.api2Get(token, PATH + "dateRangeStartsAt=" + start);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimClient.json(response).path("error").path("code").asText()).isNotBlank();
  }

  @Test
  void eventsUseEventTypeAndSubTypeAndComeOldestFirst() {
    JsonNode page =
        SimClient.json(
            client.api2Get(token, PATH + "pageSize=50&dateRangeStartsAt=" + hoursAgo(3)));

    JsonNode events = page.path("value");
    assertThat(events).hasSize(50);
    assertThat(page.path("isCaughtUp").asBoolean()).isFalse();
    long previous = 0;
    for (JsonNode event : events) {
      assertThat(event.has("eventType")).isTrue();
      assertThat(event.has("subType")).isTrue();
      assertThat(event.has("type")).isFalse();
      assertThat(event.path("timestamp").asLong()).isGreaterThanOrEqualTo(previous);
      previous = event.path("timestamp").asLong();
    }
  }

  @Test
  void filtersByTypes() {
    List<Boolean> overlaps = new ArrayList<>();
    List<JsonNode> events =
        Harvest.stream(
            client,
            token,
            "pageSize=100&types=delivery&dateRangeStartsAt=" + hoursAgo(6),
            overlaps);
    assertThat(events)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.path("eventType").asText()).isEqualTo("delivery"));
  }

  @Test
  void pagesSometimesRepeatTheLastEventOfThePreviousPage() {
    List<Boolean> overlaps = new ArrayList<>();
    Harvest.stream(client, token, "pageSize=20&dateRangeStartsAt=" + hoursAgo(12), overlaps);

    assertThat(overlaps).contains(true).contains(false);
  }

  @Test
  void anEndedWindowIsCaughtUp() {
    JsonNode page =
        SimClient.json(
            client.api2Get(
                token,
                PATH
                    + "pageSize=1000&dateRangeStartsAt="
                    + hoursAgo(3)
                    + "&dateRangeEndsAt="
                    + hoursAgo(2)));
    assertThat(page.path("isCaughtUp").asBoolean()).isTrue();
    assertThat(page.path("value")).isNotEmpty();
    long end = clock.instant().minus(Duration.ofHours(2)).toEpochMilli();
    assertThat(page.path("value"))
        .allSatisfy(e -> assertThat(e.path("timestamp").asLong()).isLessThan(end));
  }

  private String hoursAgo(int hours) {
    return clock.instant().minus(Duration.ofHours(hours)).toString();
  }
}
