package io.mailsec.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Properties of event ids over randomly generated SIEM 2.0 records (seeded, so every run checks the
 * same cases and a failure can be reproduced from the repetition number).
 */
class EventIdPropertiesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> KEYS =
      List.of(
          "aggregateId",
          "processingId",
          "messageId",
          "recipients",
          "senderEnvelope",
          "deliveryAttempts",
          "subject",
          "route",
          "tlsUsed");
  private final MimecastNormalizer normalizer = new MimecastNormalizer();

  private static NormalizationContext ctx(String tenant, String integration) {
    return NormalizationContext.builder(tenant, integration, DataType.SIEM)
        .ingestTime(Instant.parse("2024-11-14T12:00:00Z"))
        .build();
  }

  private static ObjectNode randomRecord(Random random) {
    ObjectNode r = NODES.objectNode();
    r.put("type", random.nextBoolean() ? "delivery" : "receipt");
    r.put("timestamp", 1731451448010L + random.nextInt(1000));
    for (String key : KEYS) {
      if (random.nextInt(4) > 0) {
        r.put(
            key,
            key.equals("recipients")
                ? "u" + random.nextInt(50) + "@x.example"
                : "v" + random.nextInt(50));
      }
    }
    return r;
  }

  /** The same fields with keys in another order and different whitespace. */
  private static String reshuffled(ObjectNode record, Random random) {
    List<String> keys = new ArrayList<>();
    record.fieldNames().forEachRemaining(keys::add);
    Collections.shuffle(keys, random);
    StringBuilder json = new StringBuilder("{ ");
    for (int i = 0; i < keys.size(); i++) {
      json.append(i == 0 ? "" : " ,\n ").append('"').append(keys.get(i)).append("\" :  ");
      json.append(record.get(keys.get(i)).toString());
    }
    return json.append(" }").toString();
  }

  private String id(String raw, NormalizationContext c) {
    List<Event> events = normalizer.normalize(raw, c).events();
    assertThat(events).as(raw).hasSize(1);
    return events.get(0).id();
  }

  @RepeatedTest(200)
  void redeliveryInAnyKeyOrderOrLayoutKeepsTheId(RepetitionInfo info) {
    Random random = new Random(info.getCurrentRepetition());
    ObjectNode record = randomRecord(random);
    NormalizationContext c = ctx("t1", "int1");
    String original = id(record.toString(), c);
    assertThat(id(record.toString(), c)).isEqualTo(original);
    assertThat(id(reshuffled(record, random), c)).isEqualTo(original);
    assertThat(original).matches("[0-9a-f]{32}");
  }

  @Test
  void distinctRecordsNeverShareAnIdAndAnySingleChangeChangesIt() {
    Random random = new Random(42);
    NormalizationContext c = ctx("t1", "int1");
    Set<String> records = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      ObjectNode record = randomRecord(random);
      if (records.add(io.mailsec.normalize.support.Canonical.of(record))) {
        assertThat(ids.add(id(record.toString(), c))).as("id collision for %s", record).isTrue();
      }
      ObjectNode changed = record.deepCopy();
      changed.put(KEYS.get(random.nextInt(KEYS.size())), "changed-" + i);
      if (!changed.equals(record)) {
        assertThat(id(changed.toString(), c)).isNotEqualTo(id(record.toString(), c));
      }
    }
  }

  @Test
  void tenantAndIntegrationArePartOfTheId() {
    String raw = "{\"type\":\"receipt\",\"timestamp\":1731451448010,\"aggregateId\":\"a\"}";
    assertThat(
            Set.of(
                id(raw, ctx("t1", "int1")), id(raw, ctx("t2", "int1")), id(raw, ctx("t1", "int2"))))
        .hasSize(3);
  }

  @Test
  void rowsSharingMimecastIdsStayDistinct() {
    // Two delivery rows of one message share processingId, aggregateId and messageId (pain #29).
    NormalizationContext c = ctx("t1", "int1");
    String first =
        "{\"type\":\"delivery\",\"timestamp\":1731451448010,\"processingId\":\"P\","
            + "\"aggregateId\":\"A\",\"messageId\":\"<m>\",\"recipients\":\"a@x.example\"}";
    String second = first.replace("a@x.example", "b@x.example");
    assertThat(id(first, c)).isNotEqualTo(id(second, c));
    // Audit events with the same id but different content (pain #30).
    NormalizationContext audit =
        NormalizationContext.builder("t1", "int1", DataType.AUDIT)
            .ingestTime(Instant.parse("2024-11-14T12:00:00Z"))
            .build();
    String a1 =
        "{\"id\":\"same\",\"auditType\":\"User Logged On\",\"eventTime\":\"2021-10-18T08:45:02+0000\"}";
    String a2 = a1.replace("08:45:02", "08:45:03");
    assertThat(normalizer.normalize(a1, audit).events().get(0).id())
        .isNotEqualTo(normalizer.normalize(a2, audit).events().get(0).id());
  }
}
