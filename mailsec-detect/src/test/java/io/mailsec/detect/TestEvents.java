package io.mailsec.detect;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Operator;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.StreamId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small valid events for engine tests, and the alerts they raised. */
final class TestEvents {
  static final StreamId SIEM = new StreamId("demo", "siem");
  static final StreamId AUDIT = new StreamId("demo", "audit");
  static final StreamId TI = new StreamId("demo", "threat-intel");
  static final StreamId TTP_URL = new StreamId("demo", "ttp-url");

  private TestEvents() {}

  /** The stored alerts of one rule (at most 1000). */
  static List<Event> alertsOf(EventStore store, String ruleId) {
    return store
        .search(
            new SearchRequest(
                EventQuery.where(new Comparison("rule_id", Operator.EQ, ruleId))
                    .withSchemas("alert"),
                List.of(),
                1000,
                null))
        .events();
  }

  static Event.Builder base(String schema, String id, Instant time, String eventType, String dt) {
    return Event.builder(schema)
        .put("id", id)
        .put("tenant_id", "tenant-1")
        .put("sensor_type", "mimecast")
        .put("event_time", time)
        .put("event_type", eventType)
        .put("ingest.integration_id", "demo")
        .put("ingest.data_type", dt)
        .put("ingest.time", time)
        .put("original_data", "{}");
  }

  static Event logonFailure(String id, Instant time, String ip) {
    return base("audit", id, time, "logon_authentication_failed", "audit")
        .put("audit_type", "Logon Authentication Failed")
        .put("actor", "admin@corp.example")
        .put("source_ip", ip)
        .build();
  }

  static Event virus(String id, Instant time, String messageId) {
    return base("email", id, time, "receipt", "siem")
        .put("message_id", messageId)
        .put("envelope_from", "x@bad.example")
        .put("status", "rejected")
        .add("to_email_address", "user@corp.example")
        .add("threats", Map.of("classification", "virus", "name", "Eicar"))
        .build();
  }

  static Event withAttachment(String id, Instant time, String sha256) {
    return base("email", id, time, "receipt", "siem")
        .put("message_id", "<" + id + "@partner.example>")
        .put("envelope_from", "p@partner.example")
        .put("status", "accepted")
        .add("attachments", Map.of("name", "invoice.pdf", "sha256", sha256))
        .build();
  }

  static Event hashIndicator(String id, Instant validFrom, Instant validUntil, String sha256) {
    Event.Builder b =
        base("threat_indicator", id, validFrom, "malware_grid", "threat-intel")
            .put("indicator_type", "sha256")
            .put("indicator_value", sha256)
            .put("indicator_id", "indicator--" + id)
            .put("file_hash_sha256", sha256)
            .put("valid_from", validFrom)
            .put("modified", validFrom);
    if (validUntil != null) {
      b.put("valid_until", validUntil);
    }
    return b.build();
  }
}
