package io.mailsec.simulator.data;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@link MessagePlan} into an {@link Email} and every record Mimecast would log about it:
 * receipt, process, delivery (with retries) and journal rows, AV / spam / impersonation / internal
 * email protect / URL protect / attachment protect rows, TTP click, sandbox and impersonation logs,
 * and threat-feed detections. All records of a message are drawn here, from one generator, so they
 * agree on every shared field.
 *
 * <p>Timing: every record lies within {@link #MAX_RECORD_LAG} after the message was received;
 * callers use that bound to find the messages that can contribute records to a time range.
 */
final class MessageFactory {

  /** Upper bound of (record time - message received time) over all records. */
  static final Duration MAX_RECORD_LAG = Duration.ofHours(3);

  private final Tenant tenant;
  private final EmailFactory emails;

  MessageFactory(Tenant tenant) {
    this.tenant = tenant;
    this.emails = new EmailFactory(tenant);
  }

  /**
   * Builds one message.
   *
   * @param uniqueId distinct for every message of the simulation (ids derive from it)
   * @param indicatorKeysInSlot {@code sha256@epochSecond} keys of customer threat indicators
   *     already used by messages of the same time slot; updated here so that the feed's natural key
   *     stays unique
   */
  GeneratedMessage create(
      MessagePlan plan,
      Instant receivedAt,
      long uniqueId,
      String simId,
      Rng rng,
      Set<String> indicatorKeysInSlot) {
    return create(plan, receivedAt, uniqueId, simId, rng, indicatorKeysInSlot, new MessageTwist());
  }

  /** Builds one message whose plan a scenario twisted (see {@link MessageTwist}). */
  GeneratedMessage create(
      MessagePlan plan,
      Instant receivedAt,
      long uniqueId,
      String simId,
      Rng rng,
      Set<String> indicatorKeysInSlot,
      MessageTwist twist) {
    MessageDraft draft = new MessageDraft(plan, receivedAt, uniqueId, simId, rng, twist);
    draft.email = emails.create(draft, indicatorKeysInSlot);
    receipts(draft);
    if (plan.accepted()) {
      afterAcceptance(draft);
    }
    draft.siem.sort(Comparator.comparing(SiemEvent::time).thenComparing(SiemEvent::id));
    return new GeneratedMessage(
        draft.email,
        List.copyOf(draft.siem),
        List.copyOf(draft.clicks),
        List.copyOf(draft.scans),
        List.copyOf(draft.impersonations),
        List.copyOf(draft.indicators),
        List.copyOf(draft.dlpLogs));
  }

  // ---------------------------------------------------------------- log records

  private static void receipts(MessageDraft b) {
    String pid = b.processingId("receipt");
    Rejection rejection = b.plan.rejection();
    SiemDetail detail = new SiemDetail.Receipt(rejection == null ? "Acc" : "Rej", rejection);
    for (int r = 0; r < b.email.recipients().size(); r++) {
      b.add(SiemType.RECEIPT, b.receivedAt, r, "", pid, detail);
    }
  }

  private void afterAcceptance(MessageDraft b) {
    MessagePlan plan = b.plan;
    Email email = b.email;
    Rng rng = b.rng;
    int recipients = email.recipients().size();
    String scanPid = b.processingId("scan");

    if (plan.virus()) {
      Attachment infected = email.attachments().get(0);
      Instant time = b.after(50, 400);
      for (int r = 0; r < recipients; r++) {
        b.add(SiemType.AV, time, r, infected.sha256(), scanPid, new SiemDetail.Av(infected));
      }
    }
    if (plan.spamHold()) {
      Instant time = b.after(100, 600);
      SiemDetail detail = new SiemDetail.Spam(rng.chance(0.5), false);
      for (int r = 0; r < recipients; r++) {
        b.add(SiemType.SPAM, time, r, "", scanPid, detail);
      }
    }
    Impersonation impersonation = plan.impersonation() ? impersonation(b) : null;
    if (impersonation != null) {
      Instant time = b.after(100, 900);
      for (int r = 0; r < recipients; r++) {
        b.add(
            SiemType.IMPERSONATION_PROTECT,
            time,
            r,
            "",
            scanPid,
            new SiemDetail.ImpersonationHit(impersonation));
        b.impersonations.add(
            new ImpersonationLog(
                email.simId() + "/impersonation/" + r,
                email,
                email.recipients().get(r),
                impersonation,
                time.truncatedTo(ChronoUnit.SECONDS)));
      }
    }
    if (plan.direction() == Direction.INTERNAL && plan.maliciousLink()) {
      String url = email.links().get(email.links().size() - 1);
      SiemDetail detail =
          new SiemDetail.InternalProtect(
              url,
              rng.pick(Vocabulary.MALICIOUS_URL_CATEGORIES),
              "Blocked URL Category",
              rng.chance(0.5) ? null : tenant.primaryDomain());
      Instant time = b.after(200, 900);
      for (int r = 0; r < recipients; r++) {
        b.add(SiemType.INTERNAL_EMAIL_PROTECT, time, r, url, scanPid, detail);
      }
    }

    List<Attachment> sandboxed = new ArrayList<>();
    if (plan.direction() == Direction.INBOUND) {
      for (int i = 0; i < email.attachments().size(); i++) {
        boolean caughtByAv = plan.virus() && i == 0;
        boolean caughtBySandbox = plan.maliciousAttachment() && i == 0;
        boolean forced = b.twist.sandboxAttachments && !caughtByAv;
        if (caughtBySandbox || forced || (!caughtByAv && rng.chance(0.5))) {
          sandboxed.add(email.attachments().get(i));
        }
      }
    }
    int sandboxSeconds = sandboxed.isEmpty() ? 0 : rng.between(8, 110);
    Instant processTime = b.after(150, 2_500).plusSeconds(sandboxSeconds);
    if (!sandboxed.isEmpty()) {
      attachmentProtect(b, sandboxed, processTime, sandboxSeconds);
    }

    MessageTwist.DlpMatch dlp = dlp(b);
    if (dlp != null) {
      dataLeakPrevention(b, dlp, processTime);
    }

    boolean held =
        !b.twist.deliverDespiteVerdict
            && ((dlp != null && dlp.action().equals("hold"))
                || plan.virus()
                || plan.spamHold()
                || plan.maliciousAttachment()
                || (impersonation != null && impersonation.action().equals("hold")));
    String action = held ? "Hld" : sandboxed.isEmpty() ? "Acc" : "Sdbx";
    String holdReason = plan.spamHold() ? "Spm" : held ? "Oth" : null;
    b.add(
        SiemType.PROCESS,
        processTime,
        -1,
        "",
        b.processingId("process"),
        new SiemDetail.Process(action, holdReason, impersonation));

    if (plan.journaled()) {
      Instant time = b.after(1_000, 3_000);
      String pid = b.processingId("journal");
      for (int r = 0; r < recipients; r++) {
        b.add(SiemType.JOURNAL, time, r, "", pid, new SiemDetail.Journal());
      }
    }
    if (plan.virus() || plan.maliciousAttachment()) {
      Attachment file = email.attachments().get(0);
      b.indicators.add(
          ThreatIndicator.ofFile(
              email.simId() + "/ti/" + FeedType.MALWARE_CUSTOMER.apiName(),
              FeedType.MALWARE_CUSTOMER,
              b.receivedAt,
              email.envelopeSender(),
              email.senderIp(),
              email.subject(),
              file,
              Rng.mix(b.uniqueId ^ 0x5717L),
              rng.chance(0.05)));
    }
    if (!held) {
      UrlClicks.record(b, Deliveries.deliver(b, processTime));
    } else if (b.twist.releaseAfterHold != null) {
      UrlClicks.record(b, Deliveries.deliver(b, processTime.plus(b.twist.releaseAfterHold)));
    }
  }

  /** Share of outbound (internal) messages that match a DLP policy, and of those held. */
  private static final double DLP_OUTBOUND_SHARE = 0.02;

  private static final double DLP_INTERNAL_SHARE = 0.005;
  private static final double DLP_HOLD_SHARE = 0.3;

  /**
   * The DLP policy the message matches, or null. Drawn from a generator of its own (seeded by the
   * message's unique id) rather than the message's, so adding DLP left every other record of the
   * background traffic as it was. Content examination applies to mail leaving the sender's mailbox:
   * outbound and internal, never inbound.
   */
  private static MessageTwist.DlpMatch dlp(MessageDraft b) {
    if (b.twist.dlp != null) {
      return b.twist.dlp;
    }
    double share =
        switch (b.plan.direction()) {
          case OUTBOUND -> DLP_OUTBOUND_SHARE;
          case INTERNAL -> DLP_INTERNAL_SHARE;
          case INBOUND -> 0;
        };
    Rng rng = Rng.of(b.uniqueId, Rng.hash("dlp"));
    if (!rng.chance(share)) {
      return null;
    }
    return new MessageTwist.DlpMatch(
        rng.pick(Vocabulary.DLP_POLICIES), rng.chance(DLP_HOLD_SHARE) ? "hold" : "notification");
  }

  /** One DLP log per recipient, logged while the message is processed. */
  private static void dataLeakPrevention(
      MessageDraft b, MessageTwist.DlpMatch dlp, Instant processTime) {
    Rng rng = Rng.of(b.uniqueId, Rng.hash("dlp-time"));
    Instant time = processTime.minusMillis(rng.between(20, 140)).truncatedTo(ChronoUnit.SECONDS);
    Email email = b.email;
    for (int r = 0; r < email.recipients().size(); r++) {
      b.dlpLogs.add(
          new DlpLog(
              email.simId() + "/dlp/" + r,
              email,
              email.recipients().get(r),
              dlp.policy(),
              dlp.action(),
              time));
    }
  }

  private Impersonation impersonation(MessageDraft b) {
    Rng rng = b.rng;
    Email email = b.email;
    List<String> identifiers = new ArrayList<>();
    if (b.twist.impersonationIdentifiers != null) {
      identifiers.addAll(b.twist.impersonationIdentifiers);
    } else {
      identifiers.add("internal_user_name");
    }
    if (b.plan.impersonationHold() && b.twist.impersonationIdentifiers == null) {
      List<String> extra =
          List.of(
              "newly_observed_domain",
              "reply_address_mismatch",
              "targeted_threat_dictionary",
              "similar_internal_domain");
      int count = rng.between(1, 2);
      while (identifiers.size() < 1 + count) {
        String identifier = rng.pick(extra);
        if (!identifiers.contains(identifier)) {
          identifiers.add(identifier);
        }
      }
    }
    List<Impersonation.Result> results = new ArrayList<>();
    for (String identifier : identifiers) {
      results.add(
          switch (identifier) {
            case "internal_user_name" ->
                new Impersonation.Result(
                    identifier, b.impersonated.mailbox(), b.impersonated.displayName(), "hit");
            case "newly_observed_domain" ->
                new Impersonation.Result(
                    identifier, email.senderDomain(), email.senderDomain(), "hit");
            case "similar_internal_domain" ->
                new Impersonation.Result(
                    identifier, tenant.primaryDomain(), email.senderDomain(), "hit");
            case "reply_address_mismatch" ->
                new Impersonation.Result(identifier, null, email.headerFrom(), "hit");
            default ->
                new Impersonation.Result(
                    identifier, null, rng.pick(Vocabulary.THREAT_DICTIONARY), null);
          });
    }
    int hits = identifiers.size();
    boolean hold = b.plan.impersonationHold();
    String definition =
        hits == 1
            ? "IP - 1 hit (Tag email)"
            : "IP - " + hits + " hits (Hold for Review / User Hold)";
    return new Impersonation(
        "MTOKEN:eNq" + rng.base64Url(58),
        definition,
        List.copyOf(identifiers),
        hold ? "hold" : "none",
        hold,
        true,
        List.copyOf(results));
  }

  private static void attachmentProtect(
      MessageDraft b, List<Attachment> sandboxed, Instant processTime, int sandboxSeconds) {
    Rng rng = b.rng;
    Email email = b.email;
    String definition = rng.pick(Vocabulary.SANDBOX_DEFINITIONS);
    String pid = b.processingId("sandbox");
    Instant verdictTime = processTime.minusMillis(rng.between(50, 150));
    Instant logDate = processTime.truncatedTo(ChronoUnit.SECONDS);
    for (Attachment file : sandboxed) {
      String result = file.malicious() ? "malicious" : "safe";
      b.add(
          SiemType.ATTACHMENT_PROTECT,
          verdictTime,
          -1,
          file.sha256(),
          pid,
          new SiemDetail.AttachmentProtect(file, result));
      for (int r = 0; r < email.recipients().size(); r++) {
        String actionTriggered =
            file.malicious() ? "none" : rng.chance(0.2) ? "user release, none" : "none, none";
        b.scans.add(
            new AttachmentScan(
                email.simId() + "/attachment/" + file.sha256().substring(0, 12) + "/" + r,
                email,
                email.recipients().get(r),
                file,
                logDate,
                result,
                actionTriggered,
                definition,
                sandboxSeconds));
      }
    }
  }
}
