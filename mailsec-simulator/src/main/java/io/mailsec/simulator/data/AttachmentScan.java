package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Attachment Protect (sandbox) log record: one attachment of one message for one recipient.
 *
 * @param date whole seconds, when the file was released from the sandbox
 * @param result {@code safe} or {@code malicious}
 */
public record AttachmentScan(
    String id,
    Email email,
    String recipient,
    Attachment attachment,
    Instant date,
    String result,
    String actionTriggered,
    String definition,
    int secondsTaken) {

  /** Recipient, file SHA-256, message id and epoch seconds; unique per record. */
  public Map<String, Object> groundTruthKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("recipient", recipient);
    key.put("fileHash", attachment.sha256());
    key.put("messageId", email.messageId());
    key.put("epochSecond", date.getEpochSecond());
    return key;
  }
}
