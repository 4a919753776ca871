package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One logical SIEM row. It is rendered as a 1.0 file record, a 2.0 batch-file event and a 2.0
 * stream event; all three carry the fields of {@link #groundTruthKey()}.
 *
 * @param id the simulator's record id, unique
 * @param time millisecond precision; 1.0 renders it with second precision
 * @param recipient the recipient this row is about, or {@code ""} for message-level rows (process,
 *     attachment protect)
 * @param discriminator what separates rows of the same type, message, recipient and second:
 *     delivery attempt number, attachment SHA-256 (av, attachment protect), URL (url protect,
 *     internal email protect), otherwise {@code ""}
 * @param processingId per processing step; deliberately shared by several rows
 */
public record SiemEvent(
    String id,
    SiemType type,
    Instant time,
    Email email,
    String recipient,
    String discriminator,
    String processingId,
    SiemDetail detail) {

  public long epochSecond() {
    return time.getEpochSecond();
  }

  /**
   * The natural key: 2.0 type name, aggregate id without suffix, recipient, epoch seconds and
   * discriminator. Unique per logical row by construction of the generator.
   */
  public Map<String, Object> groundTruthKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("type", type.apiName());
    key.put("aggregateId", email.aggregateId());
    key.put("recipient", recipient);
    key.put("epochSecond", epochSecond());
    key.put("discriminator", discriminator);
    return key;
  }
}
