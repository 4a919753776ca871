package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message while {@link MessageFactory} assembles it: the plan, the generator, and the records
 * drawn so far. Package-private working state, not shared across threads.
 */
final class MessageDraft {
  final MessagePlan plan;
  final Instant receivedAt;
  final long uniqueId;
  final String simId;
  final Rng rng;
  final MessageTwist twist;
  Email email;
  Person impersonated;
  final List<SiemEvent> siem = new ArrayList<>();
  final List<UrlClick> clicks = new ArrayList<>();
  final List<AttachmentScan> scans = new ArrayList<>();
  final List<ImpersonationLog> impersonations = new ArrayList<>();
  final List<ThreatIndicator> indicators = new ArrayList<>();
  final List<DlpLog> dlpLogs = new ArrayList<>();

  MessageDraft(
      MessagePlan plan,
      Instant receivedAt,
      long uniqueId,
      String simId,
      Rng rng,
      MessageTwist twist) {
    this.plan = plan;
    this.receivedAt = receivedAt;
    this.uniqueId = uniqueId;
    this.simId = simId;
    this.rng = rng;
    this.twist = twist;
  }

  Instant after(long minMillis, long maxMillis) {
    return receivedAt.plusMillis(rng.betweenLong(minMillis, maxMillis));
  }

  String processingId(String stage) {
    Rng ids = Rng.of(uniqueId, Rng.hash(stage));
    String base = ids.base64Url(43);
    return ids.chance(0.8) ? base + "_" + receivedAt.getEpochSecond() : base;
  }

  void add(
      SiemType type,
      Instant time,
      int recipientIndex,
      String discriminator,
      String processingId,
      SiemDetail detail) {
    String recipient = recipientIndex < 0 ? "" : email.recipients().get(recipientIndex);
    String id = simId + "/" + type.slug() + "/" + recipientIndex + "/" + siem.size();
    siem.add(new SiemEvent(id, type, time, email, recipient, discriminator, processingId, detail));
  }
}
