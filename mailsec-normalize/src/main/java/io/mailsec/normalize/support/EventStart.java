package io.mailsec.normalize.support;

import io.mailsec.core.event.Event;
import io.mailsec.normalize.NormalizationContext;
import java.time.Instant;
import java.util.Optional;

/** Starts an event with the common fields every schema requires. */
public final class EventStart {
  public static final String SENSOR_TYPE = "mimecast";

  private EventStart() {}

  /**
   * @param eventTime the record's own time; when absent, the ingest time is used and {@code
   *     ingest.event_time_estimated} is set
   * @param originalData the record text verbatim (a trailing line terminator is dropped)
   * @param canonicalRecord canonical form of the parsed record, for the id
   */
  public static Event.Builder start(
      String schema,
      NormalizationContext ctx,
      String eventType,
      Optional<Instant> eventTime,
      String originalData,
      String canonicalRecord) {
    Event.Builder b =
        Event.builder(schema)
            .put("id", EventIds.id(ctx, eventType, canonicalRecord))
            .put("tenant_id", ctx.tenantId())
            .put("sensor_type", SENSOR_TYPE)
            .put("event_time", eventTime.orElse(ctx.ingestTime()))
            .put("event_type", eventType)
            .put("ingest.integration_id", ctx.integrationId())
            .put("ingest.data_type", ctx.dataType().wireName())
            .put("ingest.api_version", ctx.apiVersion().wireName())
            .put("ingest.time", ctx.ingestTime())
            .put("original_data", withoutLineTerminator(originalData));
    if (eventTime.isEmpty()) {
      b.put("ingest.event_time_estimated", true);
    }
    return b;
  }

  /** The record is the line's content; the CR/LF that ended the line is not part of it. */
  private static String withoutLineTerminator(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }
}
