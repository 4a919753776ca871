package io.mailsec.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {
  private final SchemaRegistry registry = SchemaRegistry.standard();

  private static Event.Builder validEmail() {
    return Event.builder("email")
        .put("id", "0123")
        .put("tenant_id", "t1")
        .put("sensor_type", "mimecast")
        .put("event_time", Instant.parse("2021-10-18T08:02:43Z"))
        .put("event_type", "receipt")
        .put("ingest.integration_id", "i1")
        .put("ingest.data_type", "siem")
        .put("ingest.time", Instant.parse("2021-10-18T09:00:00Z"))
        .put("original_data", "{}");
  }

  @Test
  void hasTheFiveSchemasWithCommonFieldsFirst() {
    assertThat(registry.schemas())
        .extracting(Schema::name)
        .containsExactly("email", "http", "threat_indicator", "audit", "alert");
    for (Schema schema : registry.schemas()) {
      assertThat(schema.fields().subList(0, registry.commonFields().size()))
          .isEqualTo(registry.commonFields());
      assertThat(schema.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }
    assertThat(registry.commonFields())
        .extracting(FieldDef::name)
        .contains(
            "id",
            "tenant_id",
            "sensor_type",
            "event_time",
            "event_type",
            "ingest.integration_id",
            "ingest.data_type",
            "ingest.time",
            "original_data");
  }

  @Test
  void describesFieldsAndMultiValuedness() {
    Schema email = registry.schema("email").orElseThrow();
    FieldDef sha = email.field("attachments.sha256").orElseThrow();
    assertThat(sha.type()).isEqualTo(FieldType.KEYWORD);
    assertThat(sha.repeated()).isFalse();
    assertThat(sha.tags()).containsExactly(LogicalType.HASH);
    assertThat(email.isMultiValued("attachments.sha256")).isTrue();
    assertThat(email.isMultiValued("subject")).isFalse();
    assertThat(email.field("to_email_address").orElseThrow().repeated()).isTrue();
    assertThat(registry.isTimestamp("email", "ingest.time")).isTrue();
    assertThat(registry.isTimestamp("email", "subject")).isFalse();
    assertThat(registry.isTimestamp("nope", "event_time")).isFalse();
  }

  @Test
  void logicalTypesExpandPerSchema() {
    Map<String, List<FieldDef>> ip = registry.fieldsTagged(LogicalType.IP);
    assertThat(ip.get("email")).extracting(FieldDef::name).contains("sender_ip", "destination_ip");
    assertThat(ip.get("audit")).extracting(FieldDef::name).containsExactly("source_ip");
    assertThat(ip.get("email")).allSatisfy(f -> assertThat(f.type()).isEqualTo(FieldType.IP));
    assertThat(registry.fieldsTagged(LogicalType.HASH))
        .containsOnlyKeys("email", "threat_indicator", "alert");
    assertThat(LogicalType.fromToken("@Ip")).contains(LogicalType.IP);
    assertThat(LogicalType.fromToken("@nope")).isEmpty();
  }

  @Test
  void validEventHasNoViolations() {
    Event e =
        validEmail()
            .add("to_email_address", "a@example.com")
            .add("attachments", Map.of("name", "a.pdf", "size", 3L))
            .put("sender_ip", "2001:db8::1")
            .put("tls.used", true)
            .build();
    assertThat(registry.validate(e)).isEmpty();
  }

  @Test
  void reportsUnknownFieldsWrongTypesListsAndMissingRequiredFields() {
    Event e =
        validEmail()
            .put("id", null)
            .put("nonsense", "x")
            .put("message_size", "12")
            .add("subject", "a")
            .add("subject", "b")
            .put("sender_ip", "Internal IP")
            .put("tls", "yes")
            .add("attachments", Map.of("bogus", "x"))
            .build();
    assertThat(registry.validate(e))
        .extracting(Violation::toString)
        .containsExactlyInAnyOrder(
            "id: missing required field",
            "nonsense: unknown field",
            "message_size: expected long but got String",
            "subject: field is not repeated but holds a list",
            "sender_ip: not an IP address: 'Internal IP'",
            "tls: expected an object",
            "attachments.bogus: unknown field");
    assertThat(registry.validate(Event.builder("nope").build()))
        .extracting(Violation::message)
        .containsExactly("unknown schema 'nope'");
  }

  @Test
  void readsEventJsonWithRegistryTimestamps() {
    Event e = validEmail().build();
    assertThat(EventJson.read(EventJson.write(e), registry)).isEqualTo(e);
  }
}
