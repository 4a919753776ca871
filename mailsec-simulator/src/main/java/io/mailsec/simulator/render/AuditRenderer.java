package io.mailsec.simulator.render;

import io.mailsec.simulator.data.AuditEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders audit events (mimecast-api.md §6) with {@code +0000} event times. */
public final class AuditRenderer {
  private AuditRenderer() {}

  public static Map<String, Object> render(AuditEvent event) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", event.id());
    row.put("auditType", event.auditType());
    row.put("user", event.user());
    row.put("eventTime", Formats.apiDate(event.eventTime()));
    row.put("eventInfo", event.eventInfo());
    row.put("category", event.category());
    return row;
  }
}
