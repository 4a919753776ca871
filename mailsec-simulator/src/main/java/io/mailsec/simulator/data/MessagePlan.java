package io.mailsec.simulator.data;

/**
 * The verdicts a generated message will get, decided before any detail is drawn. The random planner
 * draws plans for background traffic; a scenario (a later feature) can hand the factory a plan of
 * its own to place a specific message with specific verdicts on the timeline.
 *
 * @param bounce a non-delivery report with the null sender {@code <>} (inbound only)
 * @param rejection refused at receipt (then nothing else happens), or {@code null}
 * @param virus the first attachment carries a known virus (AV hit, message held)
 * @param maliciousAttachment the first attachment is caught by the sandbox (message held)
 * @param maliciousLink one link is malicious (URL Protect; Internal Email Protect for internal
 *     mail)
 * @param impersonation Impersonation Protect hits; {@code impersonationHold} decides hold vs tag
 * @param deliveryRetry the first delivery attempt is deferred and a second succeeds
 * @param deliveryFailure delivery to the first recipient fails permanently
 */
public record MessagePlan(
    Direction direction,
    boolean bounce,
    int recipientCount,
    int attachmentCount,
    int linkCount,
    Rejection rejection,
    boolean spamHold,
    boolean virus,
    boolean maliciousAttachment,
    boolean maliciousLink,
    boolean impersonation,
    boolean impersonationHold,
    boolean journaled,
    boolean deliveryRetry,
    boolean deliveryFailure) {

  public MessagePlan {
    if (recipientCount < 1) {
      throw new IllegalArgumentException("a message needs a recipient");
    }
    if ((virus || maliciousAttachment) && attachmentCount < 1) {
      throw new IllegalArgumentException("a malicious attachment needs an attachment");
    }
    if (maliciousLink && linkCount < 1) {
      throw new IllegalArgumentException("a malicious link needs a link");
    }
  }

  boolean accepted() {
    return rejection == null;
  }
}
