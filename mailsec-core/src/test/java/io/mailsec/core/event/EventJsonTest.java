package io.mailsec.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final TimestampFields TIMES =
      (schema, path) -> path.equals("event_time") || path.equals("ingest.time");

  @Test
  void writesSortedKeysAndUtcTimestamps() {
    Event e =
        Event.builder("email")
            .put("zeta", "z")
            .put("event_time", Instant.parse("2021-10-18T08:02:43.120Z"))
            .put("alpha", 1L)
            .put("ratio", 2.0)
            .build();
    assertThat(EventJson.write(e))
        .isEqualTo(
            "{\"schema\":\"email\",\"fields\":{\"alpha\":1,"
                + "\"event_time\":\"2021-10-18T08:02:43.120Z\",\"ratio\":2.0,\"zeta\":\"z\"}}");
  }

  @Test
  void roundTripsEveryValueType() {
    Event e =
        Event.builder("email")
            .put("event_time", Instant.parse("2021-10-18T08:02:43Z"))
            .put("ingest.time", Instant.parse("2024-01-01T00:00:00.000000001Z"))
            .put("ingest.integration_id", "x")
            .put("count", 7L)
            .put("score", 0.5)
            .put("whole_double", 3.0)
            .put("flag", false)
            .put("text", "2021-10-18T08:02:43Z") // not a timestamp field: stays a string
            .add("attachments", Map.of("name", "a", "size", 4L))
            .add("attachments", Map.of("name", "b"))
            .add("tags", "t1")
            .build();
    Event back = EventJson.read(EventJson.write(e), TIMES);
    assertThat(back).isEqualTo(e);
    assertThat(back.fields().get("whole_double")).isInstanceOf(Double.class);
    assertThat(back.fields().get("text")).isInstanceOf(String.class);
  }

  @Test
  void rejectsOtherShapes() {
    assertThatThrownBy(() -> EventJson.read("[]", TIMES)).hasMessageContaining("not an event");
    assertThatThrownBy(() -> EventJson.read("{", TIMES)).hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () -> EventJson.read("{\"schema\":\"e\",\"fields\":{\"event_time\":\"x\"}}", TIMES))
        .hasMessageContaining("event_time");
  }

  @Test
  void quarantinedRecordsRoundTripWithRawTextVerbatim() {
    QuarantinedRecord q =
        new QuarantinedRecord(
            "t1",
            "int1",
            "siem",
            "not valid JSON",
            "{\"broken\r\n\u0000",
            "receipt_1.json#3",
            Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(EventJson.readQuarantined(EventJson.write(q))).isEqualTo(q);
    QuarantinedRecord noOrigin =
        new QuarantinedRecord("t1", "int1", "siem", "r", "", null, Instant.EPOCH);
    assertThat(EventJson.readQuarantined(EventJson.write(noOrigin))).isEqualTo(noOrigin);
  }
}
