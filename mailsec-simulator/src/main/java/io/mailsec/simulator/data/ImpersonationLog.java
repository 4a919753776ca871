package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An Impersonation Protect log record for one recipient of a message. */
public record ImpersonationLog(
    String id, Email email, String recipient, Impersonation impersonation, Instant eventTime) {

  /**
   * Recipient, sender, message id and epoch seconds; unique per record (the record's own {@code id}
   * field is not).
   */
  public Map<String, Object> groundTruthKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("recipient", recipient);
    key.put("sender", email.envelopeSender());
    key.put("messageId", email.messageId());
    key.put("epochSecond", eventTime.getEpochSecond());
    return key;
  }
}
