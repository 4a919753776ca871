package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account audit event. A few events share their {@code id} with another event, as in real
 * Mimecast data.
 *
 * @param user may be {@code ""}
 * @param eventTime whole seconds
 */
public record AuditEvent(
    String id,
    String auditType,
    String user,
    Instant eventTime,
    String eventInfo,
    String category) {

  /** Id and epoch seconds; unique per event (the id alone is not). */
  public Map<String, Object> groundTruthKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("id", id);
    key.put("epochSecond", eventTime.getEpochSecond());
    return key;
  }
}
