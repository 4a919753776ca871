package io.mailsec.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A record that could not be normalized, kept with the reason so that nothing is lost silently. The
 * raw text is the input exactly as received (for a CSV row: the header line, a newline, then the
 * row), so it can be inspected and normalized again once the cause is fixed.
 *
 * @param tenantId tenant the record belongs to
 * @param integrationId integration that collected it
 * @param dataType data type of the stream, e.g. {@code siem} or {@code ttp-url}
 * @param reason human readable explanation, e.g. {@code not valid JSON: Unexpected character ...}
 * @param raw the input verbatim
 * @param origin where it came from (file name, page, line), or null when unknown
 * @param time when it was quarantined (the ingest time)
 */
public record QuarantinedRecord(
    String tenantId,
    String integrationId,
    String dataType,
    String reason,
    String raw,
    String origin,
    Instant time) {
  public QuarantinedRecord {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(time, "time");
  }
}
