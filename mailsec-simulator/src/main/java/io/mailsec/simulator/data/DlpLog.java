package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Data Leak Prevention log record ({@code dlpLogs[]}): one DLP policy that matched one message,
 * for one recipient.
 *
 * @param policy the content examination policy, e.g. {@code Content Inspection - Watermark}
 * @param action {@code hold} (the message waits for review) or {@code notification}
 * @param eventTime whole seconds, during processing of the message
 */
public record DlpLog(
    String id, Email email, String recipient, String policy, String action, Instant eventTime) {

  /**
   * Recipient, message id, policy and epoch seconds; unique per record (the API gives DLP records
   * no id of their own).
   */
  public Map<String, Object> groundTruthKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("recipient", recipient);
    key.put("messageId", email.messageId());
    key.put("policy", policy);
    key.put("epochSecond", eventTime.getEpochSecond());
    return key;
  }
}
