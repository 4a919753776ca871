package io.mailsec.simulator.data;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Draws the {@link Email} of a planned message: people, identifiers, subject, transport,
 * attachments and links, all consistent with the plan (phishing subjects for malicious mail, a
 * look-alike sender for impersonation, {@code <>} for bounces).
 */
final class EmailFactory {
  private static final DateTimeFormatter MESSAGE_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Tenant tenant;

  EmailFactory(Tenant tenant) {
    this.tenant = tenant;
  }

  /**
   * Draws the email and records the impersonated executive on the draft.
   *
   * @param indicatorKeysInSlot see {@link MessageFactory#create}
   */
  Email create(MessageDraft b, Set<String> indicatorKeysInSlot) {
    MessagePlan plan = b.plan;
    Rng rng = b.rng;
    boolean hostile =
        plan.virus()
            || plan.maliciousAttachment()
            || plan.impersonation()
            || plan.spamHold()
            || (plan.maliciousLink() && plan.direction() == Direction.INBOUND);
    Person sender;
    List<String> recipients;
    String senderIp;
    switch (plan.direction()) {
      case INBOUND -> {
        if (plan.impersonation()) {
          b.impersonated = rng.pick(tenant.executives());
          String domain =
              rng.chance(0.5)
                  ? lookalike(tenant.primaryDomain(), rng)
                  : rng.pick(Vocabulary.MALICIOUS_SENDER_DOMAINS);
          sender =
              new Person(b.impersonated.displayName(), localPart(b.impersonated) + "@" + domain);
        } else {
          String domain =
              rng.pick(
                  hostile ? Vocabulary.MALICIOUS_SENDER_DOMAINS : Vocabulary.BENIGN_SENDER_DOMAINS);
          sender = externalPerson(rng, domain);
        }
        recipients = internalRecipients(rng, plan, null);
        String prefix =
            rng.pick(hostile ? Vocabulary.MALICIOUS_IP_PREFIXES : Vocabulary.EXTERNAL_IP_PREFIXES);
        senderIp = prefix + rng.between(2, 254);
      }
      case OUTBOUND -> {
        sender = rng.pick(tenant.users());
        Set<String> external = new LinkedHashSet<>();
        while (external.size() < plan.recipientCount()) {
          external.add(externalPerson(rng, rng.pick(Vocabulary.BENIGN_SENDER_DOMAINS)).address());
        }
        recipients = List.copyOf(external);
        senderIp = internalIp(rng);
      }
      default -> {
        sender = rng.pick(tenant.users());
        recipients = internalRecipients(rng, plan, sender.address());
        senderIp = internalIp(rng);
      }
    }
    MessageTwist twist = b.twist;
    if (twist.impersonated != null) {
      b.impersonated = twist.impersonated;
    }
    sender = twist.sender != null ? twist.sender : sender;
    recipients = twist.recipients != null ? twist.recipients : recipients;
    senderIp = twist.senderIp != null ? twist.senderIp : senderIp;
    String envelopeSender = sender.address();
    String headerFrom = sender.address();
    String senderDomain = sender.domain();
    String subject = subject(plan, rng);
    subject = twist.subject != null ? twist.subject : subject;
    if (plan.bounce()) {
      envelopeSender = "<>";
      headerFrom = "mailer-daemon@" + senderDomain;
      subject = rng.pick(Vocabulary.NDR_SUBJECTS);
    }

    String tlsVersion = null;
    String tlsCipher = null;
    if (rng.chance(plan.direction() == Direction.INBOUND ? 0.88 : 0.97)) {
      tlsVersion = rng.pick(Vocabulary.TLS_VERSIONS);
      tlsCipher =
          rng.pick(
              tlsVersion.equals("TLSv1.3") ? Vocabulary.TLS13_CIPHERS : Vocabulary.TLS12_CIPHERS);
    }
    List<Attachment> attachments = attachments(b, indicatorKeysInSlot);
    if (twist.firstAttachment != null) {
      List<Attachment> pinned = new ArrayList<>(attachments);
      pinned.set(0, twist.firstAttachment);
      attachments = List.copyOf(pinned);
    }
    List<String> links = twist.links != null ? twist.links : links(plan, rng);
    int spamScore =
        plan.spamHold() ? rng.between(30, 60) : hostile ? rng.between(4, 20) : rng.between(0, 6);
    boolean authFails = hostile && rng.chance(0.7);
    return new Email(
        b.simId,
        b.receivedAt,
        aggregateId(b.uniqueId, rng),
        messageId(plan.direction(), b.uniqueId, b.receivedAt, senderDomain, rng),
        plan.direction(),
        envelopeSender,
        headerFrom,
        senderDomain,
        senderIp,
        recipients,
        subject,
        tlsVersion,
        tlsCipher,
        rng.between(2_500, 60_000) + attachments.stream().mapToInt(Attachment::sizeBytes).sum(),
        attachments,
        links,
        spamScore,
        28,
        authFails ? rng.pick(List.of("SPF_FAIL", "SPF_SOFTFAIL")) : "ALLOW",
        authFails ? "DKIM_UNKNOWN" : rng.chance(0.9) ? "ALLOW" : "DKIM_UNKNOWN",
        authFails ? "DMARC_FAIL" : "ALLOW");
  }

  private List<String> internalRecipients(Rng rng, MessagePlan plan, String exclude) {
    Set<String> chosen = new LinkedHashSet<>();
    if (plan.impersonation() && rng.chance(0.5)) {
      chosen.add(rng.pick(tenant.roleMailboxes()).address());
    }
    while (chosen.size() < plan.recipientCount()) {
      String address = rng.pick(tenant.users()).address();
      if (!address.equals(exclude)) {
        chosen.add(address);
      }
    }
    return List.copyOf(chosen);
  }

  private static Person externalPerson(Rng rng, String domain) {
    if (rng.chance(0.25)) {
      String local = rng.pick(List.of("noreply", "notifications", "billing", "support", "news"));
      return new Person(local, local + "@" + domain);
    }
    String first = rng.pick(Vocabulary.FIRST_NAMES);
    String last = rng.pick(Vocabulary.LAST_NAMES);
    String local = (first + "." + last).toLowerCase(Locale.ROOT);
    return new Person(first + " " + last, local + "@" + domain);
  }

  private static String localPart(Person person) {
    return person.address().substring(0, person.address().indexOf('@'));
  }

  /** A look-alike of the tenant's domain: {@code c0ntoso.com}, {@code contoso-mail.com}... */
  private static String lookalike(String domain, Rng rng) {
    int dot = domain.lastIndexOf('.');
    String stem = domain.substring(0, dot);
    String tld = domain.substring(dot);
    return switch (rng.nextInt(3)) {
      case 0 -> stem.indexOf('o') >= 0 ? stem.replaceFirst("o", "0") + tld : stem + "s" + tld;
      case 1 -> stem + "-mail" + tld;
      default -> stem + "-secure.net";
    };
  }

  private static String internalIp(Rng rng) {
    return "10." + rng.between(0, 40) + "." + rng.between(0, 255) + "." + rng.between(2, 254);
  }

  private static String subject(MessagePlan plan, Rng rng) {
    if (plan.spamHold()) {
      return rng.pick(Vocabulary.SPAM_SUBJECTS);
    }
    if (plan.impersonation()) {
      return rng.pick(List.of("Urgent wire transfer request", "Requested File", "Quick favour?"));
    }
    boolean phishing =
        plan.virus()
            || plan.maliciousAttachment()
            || (plan.maliciousLink() && plan.direction() == Direction.INBOUND);
    return rng.pick(phishing ? Vocabulary.PHISHING_SUBJECTS : Vocabulary.BENIGN_SUBJECTS);
  }

  /**
   * Base64url tracking ids such as {@code HhuwRf_AOcuJZINE2ZgcKw} and, for some messages, UUIDs.
   * The leading part encodes the unique id, so aggregate ids never collide; the last character is a
   * letter so an id never looks like it carries an {@code _<epoch seconds>} suffix.
   */
  private static String aggregateId(long uniqueId, Rng rng) {
    if (Math.floorMod(uniqueId, 10) == 0) {
      long low = rng.nextLong();
      return String.format(
          Locale.ROOT,
          "%08x-%04x-%04x-%04x-%012x",
          uniqueId >>> 32,
          (uniqueId >>> 16) & 0xFFFF,
          uniqueId & 0xFFFF,
          (low >>> 48) & 0xFFFF,
          low & 0xFFFFFFFFFFFFL);
    }
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (uniqueId >>> (56 - 8 * i));
    }
    String prefix = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    return prefix + rng.base64Url(10) + letters.charAt(rng.nextInt(letters.length()));
  }

  private static String messageId(
      Direction direction, long uniqueId, Instant receivedAt, String senderDomain, Rng rng) {
    String unique = Long.toHexString(uniqueId).toUpperCase(Locale.ROOT);
    if (direction == Direction.INBOUND) {
      return "<"
          + MESSAGE_ID_TIME.format(receivedAt)
          + "."
          + unique
          + "@mail."
          + senderDomain
          + ">";
    }
    String server =
        "AM" + rng.between(0, 9) + "PR0" + rng.between(1, 9) + "MB" + rng.between(1000, 9999);
    return "<"
        + server
        + unique
        + "@"
        + server
        + ".eurprd0"
        + rng.between(1, 9)
        + ".prod.outlook.com>";
  }

  private List<Attachment> attachments(MessageDraft b, Set<String> indicatorKeysInSlot) {
    MessagePlan plan = b.plan;
    Rng rng = b.rng;
    List<Attachment> attachments = new ArrayList<>();
    if (plan.virus() || plan.maliciousAttachment()) {
      attachments.add(customerMalware(rng, b.receivedAt, indicatorKeysInSlot));
    }
    Set<String> names = new LinkedHashSet<>();
    while (attachments.size() < plan.attachmentCount()) {
      String[] file = rng.pick(Vocabulary.BENIGN_FILES);
      if (names.add(file[0])) {
        attachments.add(Attachment.random(rng, file[0], file[1], null));
      }
    }
    return List.copyOf(attachments);
  }

  /**
   * Picks a file of the customer's malware pool whose feed key is still free in this slot, or makes
   * a fresh variant when the pool is exhausted for this second.
   */
  private Attachment customerMalware(Rng rng, Instant receivedAt, Set<String> keysInSlot) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Attachment file = rng.pick(tenant.customerMalware());
      if (keysInSlot.add(file.sha256() + "@" + receivedAt.getEpochSecond())) {
        return file;
      }
    }
    String[] template = rng.pick(Vocabulary.MALICIOUS_FILES);
    Attachment fresh = Attachment.random(rng, template[0], template[1], template[2]);
    keysInSlot.add(fresh.sha256() + "@" + receivedAt.getEpochSecond());
    return fresh;
  }

  private static List<String> links(MessagePlan plan, Rng rng) {
    Set<String> links = new LinkedHashSet<>();
    int benign = plan.linkCount() - (plan.maliciousLink() ? 1 : 0);
    while (links.size() < benign) {
      links.add(rng.pick(Vocabulary.BENIGN_URLS));
    }
    if (plan.maliciousLink()) {
      links.add(rng.pick(Vocabulary.MALICIOUS_URLS));
    }
    return List.copyOf(links);
  }
}
