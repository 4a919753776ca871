package io.mailsec.normalize.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.schema.IpLiterals;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.normalize.support.Addresses;
import io.mailsec.normalize.support.Canonical;
import io.mailsec.normalize.support.EventStart;
import io.mailsec.normalize.support.Json;
import io.mailsec.normalize.support.RecordFields;
import io.mailsec.normalize.support.Values;
import java.util.Map;
import java.util.Optional;

/**
 * Normalizes one audit event ({@code get-audit-events} {@code data[]} item) into an {@code audit}
 * event. {@code event_type} is the audit type in snake_case ({@code User Logged On} becomes {@code
 * user_logged_on}), or {@code audit} when the record has none. Source IP, application, method and
 * second factor are parsed out of the free-text {@code eventInfo}.
 */
public final class AuditNormalizer {
  private static final String FALLBACK_EVENT_TYPE = "audit";

  private AuditNormalizer() {}

  public static Event normalize(String raw, NormalizationContext ctx) {
    ObjectNode record = Json.parseObject(raw);
    RecordFields f = RecordFields.of(record);
    Optional<String> auditType = f.text("auditType");
    String eventType =
        auditType.map(Values::snakeCase).filter(s -> !s.isEmpty()).orElse(FALLBACK_EVENT_TYPE);
    Event.Builder e =
        EventStart.start(
            SchemaRegistry.AUDIT, ctx, eventType, f.time("eventTime"), raw, Canonical.of(record));
    e.put("audit_id", f.text("id").orElse(null));
    e.put(
        "actor",
        f.text("user").map(u -> u.contains("@") ? Addresses.address(u).orElse(u) : u).orElse(null));
    e.put("category", f.text("category").orElse(null));
    e.put("audit_type", auditType.orElse(null));
    Optional<String> info = f.text("eventInfo");
    e.put("event_info", info.orElse(null));
    Map<String, String> details = info.map(EventInfo::details).orElse(Map.of());
    e.put(
        "source_ip",
        Optional.ofNullable(details.get("ip"))
            .filter(ip -> IpLiterals.parse(ip).isPresent())
            .orElse(null));
    e.put("application", details.get("application"));
    e.put("method", details.get("method"));
    e.put("second_factor", details.get("2fa"));
    return e.build();
  }
}
