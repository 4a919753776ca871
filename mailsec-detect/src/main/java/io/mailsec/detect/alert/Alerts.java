package io.mailsec.detect.alert;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.AlertFields;
import io.mailsec.core.schema.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds and updates alert events (schema {@code alert}, docs/schema.md). Pure functions: the same
 * inputs give the same alert, so re-detecting the same events gives the same alert ids and fields.
 */
public final class Alerts {
  public static final String SENSOR = "mailsec";
  public static final String INTEGRATION = "mailsec-detect";
  public static final String DATA_TYPE = "alert";
  public static final String SYSTEM_ACTOR = "mailsec";

  /** At most this many matched event ids and values per entity kind are kept on an alert. */
  public static final int MAX_LISTED = 100;

  /** Entity kind to the event fields it is collected from. */
  private static final Map<String, List<String>> ENTITY_SOURCES = entitySources();

  private Alerts() {}

  private static Map<String, List<String>> entitySources() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("senders", List.of("envelope_from", "from_email_address", "email_sender_address"));
    m.put(
        "recipients",
        List.of("to_email_address", "cc_email_address", "bcc_email_address", "user_email_address"));
    m.put("urls", List.of("urls.url", "url"));
    m.put("domains", List.of("sender_domain", "urls.host", "uri_host", "domain_name"));
    m.put(
        "hashes",
        List.of(
            "attachments.sha256",
            "attachments.sha1",
            "attachments.md5",
            "file_hash_sha256",
            "file_hash_sha1",
            "file_hash_md5"));
    m.put(
        "ips",
        List.of("sender_ip", "source_address", "source_ip", "network_ip", "email_source_ip"));
    m.put("message_ids", List.of("message_id"));
    m.put("users", List.of("actor"));
    return Map.copyOf(m);
  }

  /** A deterministic alert id: hash of the rule, the group key and the first matched event. */
  public static String alertId(String ruleId, String groupKey, String firstEventId) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash =
          digest.digest(
              (ruleId + '\0' + groupKey + '\0' + firstEventId).getBytes(StandardCharsets.UTF_8));
      return "alert-" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A new open alert for the matched events (oldest first), occurrences = their number.
   *
   * @param now recorded as {@code ingest.time} and the first history entry's time
   */
  public static Event create(AlertSpec spec, String groupKey, List<Event> matched, Instant now) {
    Event first = matched.get(0);
    Event alert =
        base(
            spec,
            groupKey,
            first.id(),
            first.string("tenant_id").orElse("default"),
            first.eventTime(),
            0,
            now);
    for (Event e : matched) {
      alert = fold(alert, e);
    }
    return alert;
  }

  /**
   * A new open alert that no event caused (e.g. a silent stream), seen once at {@code firstSeen}.
   *
   * @param idSeed makes the id: the same seed gives the same alert
   */
  public static Event create(
      AlertSpec spec,
      String groupKey,
      String idSeed,
      String tenantId,
      Instant firstSeen,
      Instant now) {
    return base(spec, groupKey, idSeed, tenantId, firstSeen, 1, now);
  }

  private static Event base(
      AlertSpec spec,
      String groupKey,
      String idSeed,
      String tenantId,
      Instant firstSeen,
      long occurrences,
      Instant now) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", alertId(spec.ruleId(), groupKey, idSeed));
    f.put("tenant_id", tenantId);
    f.put("sensor_type", SENSOR);
    f.put("event_time", firstSeen);
    f.put("event_type", spec.kind());
    f.put("ingest", Map.of("integration_id", INTEGRATION, "data_type", DATA_TYPE, "time", now));
    f.put("original_data", "{\"rule_id\":\"" + spec.ruleId().replace("\"", "") + "\"}");
    f.put("rule_id", spec.ruleId());
    f.put("rule_name", spec.ruleName());
    f.put("title", spec.grouped() ? spec.ruleName() + ": " + groupKey : spec.ruleName());
    f.put("description", spec.description());
    f.put("severity", spec.severity().wireName());
    f.put("severity_score", spec.severity().rank());
    f.put("confidence", (long) spec.confidence());
    f.put("mitre_techniques", spec.mitre());
    f.put("tags", spec.tags());
    f.put("group_key", groupKey);
    f.put("occurrences", occurrences);
    f.put("first_seen", firstSeen);
    f.put("last_seen", firstSeen);
    f.put("status", "open");
    f.put("status_changed_by", SYSTEM_ACTOR);
    f.put("status_changed_at", now);
    f.put("history", List.of(Map.of("time", now, "actor", SYSTEM_ACTOR, "from", "", "to", "open")));
    return Event.of(SchemaRegistry.ALERT, f);
  }

  /** The alert with one more matched event: occurrences, first/last seen, ids, entities. */
  public static Event fold(Event alert, Event matched) {
    Map<String, Object> f = new LinkedHashMap<>(alert.fields());
    f.put("occurrences", ((Long) alert.first("occurrences").orElse(0L)) + 1);
    Instant t = matched.eventTime();
    Instant first = (Instant) f.get("first_seen");
    Instant last = (Instant) f.get("last_seen");
    if (t.isBefore(first)) {
      f.put("first_seen", t);
    }
    if (t.isAfter(last)) {
      f.put("last_seen", t);
    }
    f.put("matched_event_ids", addCapped(alert.get("matched_event_ids"), List.of(matched.id())));
    f.put("matched_schemas", addCapped(alert.get("matched_schemas"), List.of(matched.schema())));
    Map<String, Object> entities = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> kind : ENTITY_SOURCES.entrySet()) {
      List<Object> values = new ArrayList<>();
      for (String field : kind.getValue()) {
        for (Object v : matched.get(field)) {
          if (v instanceof String s && !s.isEmpty()) {
            values.add(kind.getKey().equals("ips") ? s : s.toLowerCase(Locale.ROOT));
          }
        }
      }
      List<Object> merged = addCapped(alert.get("entities." + kind.getKey()), values);
      if (!merged.isEmpty()) {
        entities.put(kind.getKey(), merged);
      }
    }
    Object streams = alert.get("entities.streams");
    List<Object> stream = new ArrayList<>();
    matched
        .string("ingest.integration_id")
        .ifPresent(i -> stream.add(i + "/" + matched.string("ingest.data_type").orElse("unknown")));
    List<Object> mergedStreams = addCapped(castList(streams), stream);
    if (!mergedStreams.isEmpty()) {
      entities.put("streams", mergedStreams);
    }
    f.put("entities", entities);
    f.put("indicator_ids", addCapped(alert.get("indicator_ids"), matched.get("ti.indicator_ids")));
    return Event.of(SchemaRegistry.ALERT, f);
  }

  /**
   * The alert with its status changed and the change appended to {@code history}.
   *
   * @throws IllegalArgumentException for an unknown status
   */
  public static Event withStatus(
      Event alert, String status, String actor, String note, Instant at) {
    if (!AlertFields.STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "status must be one of "
              + String.join(", ", AlertFields.STATUSES)
              + ", not '"
              + status
              + "'");
    }
    Map<String, Object> f = new LinkedHashMap<>(alert.fields());
    String from = alert.string("status").orElse("");
    f.put("status", status);
    f.put("status_changed_by", actor);
    f.put("status_changed_at", at);
    List<Object> history = new ArrayList<>(alert.get("history"));
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("time", at);
    change.put("actor", actor);
    change.put("from", from);
    change.put("to", status);
    if (note != null && !note.isBlank()) {
      change.put("note", note);
    }
    history.add(change);
    f.put("history", history);
    return Event.of(SchemaRegistry.ALERT, f);
  }

  private static List<Object> castList(Object value) {
    return value instanceof Collection<?> c ? new ArrayList<>(c) : List.of();
  }

  private static List<Object> addCapped(List<Object> existing, List<Object> more) {
    Set<Object> out = new LinkedHashSet<>(existing);
    for (Object v : more) {
      if (out.size() >= MAX_LISTED) {
        break;
      }
      out.add(v);
    }
    return new ArrayList<>(out);
  }
}
