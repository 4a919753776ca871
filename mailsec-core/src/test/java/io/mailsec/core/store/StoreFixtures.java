package io.mailsec.core.store;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A small hand-made set of valid events whose expected query results can be read off this file,
 * plus builders for more. Times are fixed; nothing depends on the clock or the default zone.
 */
public final class StoreFixtures {
  public static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  public static final StreamId SIEM = new StreamId("mimecast2.0demo", "siem");
  public static final StreamId TTP_URL = new StreamId("mimecast2.0demo", "ttp-url");
  public static final StreamId AUDIT = new StreamId("mimecast2.0demo", "audit");

  private StoreFixtures() {}

  /** A builder with every required common field set. */
  public static Event.Builder event(String schema, String id, Instant time, StreamId stream) {
    return Event.builder(schema)
        .put("id", id)
        .put("tenant_id", "tenant-1")
        .put("sensor_type", "mimecast")
        .put("event_time", time)
        .put("event_type", schema.equals("email") ? "receipt" : "log")
        .put("ingest.integration_id", stream.integrationId())
        .put("ingest.data_type", stream.dataType())
        .put("ingest.api_version", "2.0")
        .put("ingest.time", time.plusSeconds(60))
        .put("original_data", "{\"id\":\"" + id + "\"}");
  }

  public static Instant hours(double h) {
    return T0.plus((long) (h * 3600), ChronoUnit.SECONDS);
  }

  public static Event e1() {
    return event("email", "e1", T0, SIEM)
        .put("status", "delivered")
        .put("direction", "inbound")
        .add("from_email_address", "Alice@Example.com")
        .add("to_email_address", List.of("bob@corp.test", "carol@corp.test"))
        .put("subject", "Invoice for March")
        .put("sender_ip", "10.1.2.3")
        .put("message_size", 1500L)
        .put("delivered", true)
        .put("tls.version", "TLSv1.2")
        .put("original_data", "{\"Virus\":\"Eicar-Test\",\"Subject\":\"Invoice for March\"}")
        .add("attachments", Map.of("name", "inv.pdf", "sha256", "aa11"))
        .add("attachments", Map.of("name", "x.exe", "sha256", "bb22"))
        .build();
  }

  public static Event e2() {
    return event("email", "e2", hours(1), SIEM)
        .put("status", "held")
        .put("direction", "inbound")
        .add("from_email_address", "mallory@evil.example")
        .add("to_email_address", "bob@corp.test")
        .put("subject", "Password reset")
        .put("sender_ip", "192.168.7.9")
        .put("message_size", 250L)
        .put("delivered", false)
        .put("original_data", "{\"Act\":\"Hld\",\"SpamInfo\":\"[]\"}")
        .build();
  }

  public static Event e3() {
    return event("email", "e3", hours(2), SIEM)
        .put("status", "Delivered")
        .put("direction", "outbound")
        .add("to_email_address", "dave@partner.test")
        .put("subject", "Meeting notes")
        .put("sender_ip", "2001:db8::5")
        .put("message_size", 90000L)
        .put("original_data", "antivirus scan clean")
        .add("attachments", Map.of("name", "notes.docx", "sha256", "cc33"))
        .build();
  }

  public static Event e4() {
    return event("email", "e4", hours(3), SIEM)
        .put("status", "rejected")
        .put("subject", "HELLO World")
        .put("rejection_type", "IP Found in RBL")
        .put("original_data", "hello world")
        .build();
  }

  public static Event h1() {
    return event("http", "h1", hours(0.5), TTP_URL)
        .put("url", "https://evil.example/login?x=1")
        .put("uri_host", "evil.example")
        .put("action", "block")
        .put("source_address", "10.9.9.9")
        .put("user_email_address", "bob@corp.test")
        .put("subject", "Invoice for March")
        .put("original_data", "{\"url\":\"https://evil.example/login?x=1\"}")
        .build();
  }

  public static Event h2() {
    return event("http", "h2", hours(1.5), TTP_URL)
        .put("url", "https://good.example/")
        .put("uri_host", "good.example")
        .put("action", "allow")
        .put("source_address", "172.16.0.1")
        .put("user_email_address", "carol@corp.test")
        .put("original_data", "{}")
        .build();
  }

  public static Event a1() {
    return event("audit", "a1", hours(-24), AUDIT)
        .put("actor", "admin@corp.test")
        .put("audit_type", "User Logged On")
        .put("source_ip", "10.1.2.4")
        .put("event_info", "Logon from 10.1.2.4")
        .put("original_data", "Logon from 10.1.2.4 by admin")
        .build();
  }

  public static List<Event> emails() {
    return List.of(e1(), e2(), e3(), e4());
  }

  public static List<Event> https() {
    return List.of(h1(), h2());
  }

  public static QuarantinedRecord quarantined(StreamId stream, String raw, Instant time) {
    return new QuarantinedRecord(
        "tenant-1",
        stream.integrationId(),
        stream.dataType(),
        "not valid JSON",
        raw,
        "file-1:line-3",
        time);
  }
}
