package io.mailsec.simulator.data;

import java.time.Duration;
import java.util.List;

/**
 * What a scenario fixes about one message beyond its {@link MessagePlan}: pinned email fields and
 * changes to the outcome. Background traffic uses an empty twist, under which the generator draws
 * exactly what it always drew. Every field is optional ({@code null} or {@code false} = draw as
 * usual); setters return {@code this}. Package-private working state.
 */
final class MessageTwist {
  Person sender;
  String senderIp;
  List<String> recipients;
  String subject;
  Attachment firstAttachment;
  List<String> links;
  Person impersonated;
  List<String> impersonationIdentifiers;

  /** Every attachment not caught by AV goes to the sandbox (so its SHA-256 is logged). */
  boolean sandboxAttachments;

  /** A verdict that would hold the message does not: it is delivered as if clean. */
  boolean deliverDespiteVerdict;

  /** A held message is released (and delivered) this long after processing. */
  Duration releaseAfterHold;

  /** This DLP policy matches the message (instead of the drawn DLP outcome, usually none). */
  DlpMatch dlp;

  /**
   * A DLP policy match.
   *
   * @param action {@code hold} or {@code notification}
   */
  record DlpMatch(String policy, String action) {}

  /** Exactly these URL Protect decisions instead of drawn entry scans and clicks. */
  List<Click> clicks;

  /**
   * One user click on a delivered link.
   *
   * @param afterDelivery how long after the recipient's delivery the user clicked
   * @param action {@code allow}, {@code warn} or {@code block}
   */
  record Click(
      int recipientIndex,
      int linkIndex,
      Duration afterDelivery,
      boolean malicious,
      String category,
      String action,
      String userAwarenessAction,
      String adminOverride,
      String userOverride) {}

  MessageTwist sender(Person value) {
    this.sender = value;
    return this;
  }

  MessageTwist senderIp(String value) {
    this.senderIp = value;
    return this;
  }

  MessageTwist recipients(List<String> value) {
    this.recipients = List.copyOf(value);
    return this;
  }

  MessageTwist subject(String value) {
    this.subject = value;
    return this;
  }

  MessageTwist firstAttachment(Attachment value) {
    this.firstAttachment = value;
    return this;
  }

  MessageTwist links(List<String> value) {
    this.links = List.copyOf(value);
    return this;
  }

  MessageTwist impersonation(Person who, List<String> identifiers) {
    this.impersonated = who;
    this.impersonationIdentifiers = List.copyOf(identifiers);
    return this;
  }

  MessageTwist sandboxAttachments() {
    this.sandboxAttachments = true;
    return this;
  }

  MessageTwist deliverDespiteVerdict() {
    this.deliverDespiteVerdict = true;
    return this;
  }

  MessageTwist releaseAfterHold(Duration value) {
    this.releaseAfterHold = value;
    return this;
  }

  MessageTwist dlp(String policy, String action) {
    this.dlp = new DlpMatch(policy, action);
    return this;
  }

  MessageTwist clicks(List<Click> value) {
    this.clicks = List.copyOf(value);
    return this;
  }
}
