package io.mailsec.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {
  private static final Instant T = Instant.parse("2021-10-18T08:02:43Z");

  private static Event sample() {
    return Event.builder("email")
        .put("id", "abc")
        .put("event_time", T)
        .put("event_type", "receipt")
        .put("ingest.integration_id", "mimecast2.0demo")
        .add("to_email_address", "a@example.com")
        .add("to_email_address", "b@example.com")
        .add("attachments", Map.of("name", "x.pdf", "sha256", "aa"))
        .add("attachments", Map.of("name", "y.pdf"))
        .add("attachments", Map.of("name", "z.pdf", "sha256", "cc"))
        .build();
  }

  @Test
  void dottedPathsReachNestedObjectsAndFlattenArraysOfObjects() {
    Event e = sample();
    assertThat(e.get("ingest.integration_id")).containsExactly("mimecast2.0demo");
    assertThat(e.get("attachments.sha256")).containsExactly("aa", "cc");
    assertThat(e.get("attachments.name")).containsExactly("x.pdf", "y.pdf", "z.pdf");
    assertThat(e.get("to_email_address")).containsExactly("a@example.com", "b@example.com");
    assertThat(e.get("no.such.path")).isEmpty();
    assertThat(e.get("id.deeper")).isEmpty();
  }

  @Test
  void conveniencesReadCommonFields() {
    Event e = sample();
    assertThat(e.id()).isEqualTo("abc");
    assertThat(e.eventTime()).isEqualTo(T);
    assertThat(e.eventType()).isEqualTo("receipt");
    assertThat(Event.builder("email").build().id()).isNull();
  }

  @Test
  void nullsAndEmptyContainersAreDroppedButEmptyStringsKept() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("a", null);
    fields.put("b", List.of());
    fields.put("c", Map.of());
    fields.put("d", "");
    fields.put("e", Map.of("f", List.of()));
    Event e = Event.of("email", fields);
    assertThat(e.fields()).containsOnlyKeys("d");
  }

  @Test
  void widensIntegersAndFloats() {
    Event e = Event.of("email", Map.of("n", 3, "f", 1.5f));
    assertThat(e.fields().get("n")).isEqualTo(3L);
    assertThat(e.fields().get("f")).isEqualTo(1.5d);
  }

  @Test
  void rejectsUnsupportedValues() {
    assertThatThrownBy(() -> Event.of("email", Map.of("x", new BigDecimal("1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x");
    assertThatThrownBy(() -> Event.of("email", Map.of("x", List.of(List.of("a")))))
        .hasMessageContaining("list inside a list");
    assertThatThrownBy(() -> Event.of("email", Map.of("a.b", "v")))
        .hasMessageContaining("invalid field name");
    assertThatThrownBy(() -> Event.of("email", Map.of("x", Double.NaN)))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> Event.builder(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isDeeplyImmutableAndIndependentOfItsSource() {
    List<Object> source = new ArrayList<>(List.of("a"));
    Event e = Event.of("email", Map.of("list", source));
    source.add("b");
    assertThat(e.get("list")).containsExactly("a");
    assertThatThrownBy(() -> e.fields().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) e.fields().get("list");
    assertThatThrownBy(() -> list.add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builderPutReplacesAndCannotPassThroughScalars() {
    Event.Builder b = Event.builder("email").put("a", "1").put("a", "2");
    assertThat(b.has("a")).isTrue();
    assertThat(b.build().get("a")).containsExactly("2");
    assertThatThrownBy(() -> b.put("a.b", "x")).hasMessageContaining("non-object");
    b.put("a", null);
    assertThat(b.has("a")).isFalse();
  }

  @Test
  void equalityIsStructural() {
    assertThat(sample()).isEqualTo(sample()).hasSameHashCodeAs(sample());
    assertThat(sample()).isNotEqualTo(Event.builder("http").build());
  }
}
