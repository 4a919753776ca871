package io.mailsec.simulator.data;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the records of an injected scenario (docs/simulator.md, "Scenarios"). Emails go through
 * the same {@link MessageFactory} as background traffic, with a {@link MessageTwist} pinning what
 * the scenario is about, so every SIEM row and TTP record of a scenario email agrees on its ids.
 *
 * <p>Ids: an injection's key is a hash of (seed, scenario, time, parameters). Message unique ids
 * and audit ids are derived from inputs with bit 62 set, which no generated slot or hour reaches,
 * so they never collide with background traffic; record ids start with the injection id.
 */
final class ScenarioFactory {
  private static final long STREAM = 0x5CE7A210L;
  private static final long KEY_MASK = 0xFF_FFFF_FFFFL;

  private final long seed;
  private final Tenant tenant;
  private final MessageFactory factory;
  private final AuditLog auditLog;
  private final long idKey;

  ScenarioFactory(long seed, Tenant tenant, MessageFactory factory, AuditLog auditLog, long idKey) {
    this.seed = seed;
    this.tenant = tenant;
    this.factory = factory;
    this.auditLog = auditLog;
    this.idKey = idKey;
  }

  /**
   * Builds an injection.
   *
   * @throws IllegalArgumentException if a parameter is unknown or invalid
   */
  Injection build(ScenarioType type, Instant at, Map<String, String> given) {
    ScenarioParams params = new ScenarioParams(type, given);
    StringBuilder canonical =
        new StringBuilder(type.specName()).append('\n').append(at.toEpochMilli());
    params.asMap().forEach((k, v) -> canonical.append('\n').append(k).append('=').append(v));
    long key = Rng.mix(seed ^ Rng.hash(canonical.toString())) & KEY_MASK;
    Draft d = new Draft(type, at, params, key);
    switch (type) {
      case MALICIOUS_ATTACHMENT_DELIVERED -> maliciousAttachmentDelivered(d);
      case URL_CLICK_THROUGH -> urlClickThrough(d);
      case IMPERSONATION_WAVE -> impersonationWave(d);
      case INDICATOR_HIT -> indicatorHit(d);
      case LOGON_FAILURES -> logonFailures(d);
      case HELD_BURST -> heldBurst(d);
      case BYPASS_POLICY -> bypassPolicy(d);
      case DLP_HOLD -> dlpHold(d);
    }
    return new Injection(
        d.id, type, at, params.asMap(), d.messages, d.indicators, d.audit, d.facts);
  }

  /** An injection's records while they are being built. */
  private final class Draft {
    final String id;
    final Instant at;
    final ScenarioParams params;
    final long key;
    final Rng rng;
    final List<GeneratedMessage> messages = new ArrayList<>();
    final List<ThreatIndicator> indicators = new ArrayList<>();
    final List<AuditEvent> audit = new ArrayList<>();
    final Map<String, String> facts = new LinkedHashMap<>();

    Draft(ScenarioType type, Instant at, ScenarioParams params, long key) {
      this.id = String.format(Locale.ROOT, "s%010x", key);
      this.at = at;
      this.params = params;
      this.key = key;
      this.rng = Rng.of(seed, STREAM, key);
    }

    GeneratedMessage message(MessagePlan plan, Instant receivedAt, MessageTwist twist) {
      int index = messages.size();
      long uniqueId = Rng.mix(((1L << 62) | (key << 16) | index) ^ idKey);
      GeneratedMessage message =
          factory.create(
              plan,
              receivedAt,
              uniqueId,
              id + "." + index,
              Rng.of(seed, STREAM, key, index),
              new HashSet<>(),
              twist);
      messages.add(message);
      return message;
    }

    void audit(String auditType, String user, Instant time, String info, String category) {
      int index = audit.size();
      String auditId = auditLog.scenarioId(key, index, Rng.of(seed, STREAM, key, -1 - index));
      audit.add(
          new AuditEvent(
              auditId, auditType, user, time.truncatedTo(ChronoUnit.SECONDS), info, category));
    }

    String recipient() {
      return params.address("recipient", rng.pick(tenant.users()).address());
    }

    void messageFacts(GeneratedMessage message) {
      facts.put("messageId", message.email().messageId());
      facts.put("aggregateId", message.email().aggregateId());
    }
  }

  // ------------------------------------------------------------------ scenarios

  private void maliciousAttachmentDelivered(Draft d) {
    String engine = d.params.choice("engine", "sandbox", "av");
    String variant = d.params.choice("variant", "delivered", "released");
    String[] template = d.rng.pick(Vocabulary.MALICIOUS_FILES);
    Attachment file = file(d, template, template[2]);
    String recipient = d.recipient();
    MessageTwist twist = new MessageTwist().recipients(List.of(recipient)).firstAttachment(file);
    if (variant.equals("delivered")) {
      twist.deliverDespiteVerdict();
    } else {
      twist.releaseAfterHold(Duration.ofMinutes(25));
    }
    boolean av = engine.equals("av");
    GeneratedMessage message =
        d.message(inbound(1, 0, null, false, av, !av, false, false, false), d.at, twist);
    if (variant.equals("released")) {
      Instant delivered =
          message.siemEvents().stream()
              .filter(e -> e.type() == SiemType.DELIVERY)
              .map(SiemEvent::time)
              .min(Instant::compareTo)
              .orElseThrow();
      String admin = tenant.users().get(0).address();
      d.audit(
          "Message Action",
          admin,
          delivered.minusSeconds(2),
          "Message released from hold queue for " + recipient + ", Reason: false positive",
          "archive_service_logs");
    }
    d.facts.put("sha256", file.sha256());
    d.facts.put("fileName", file.fileName());
    d.facts.put("recipient", recipient);
    d.facts.put("engine", engine);
    d.facts.put("variant", variant);
    d.messageFacts(message);
  }

  private void urlClickThrough(Draft d) {
    String variant = d.params.choice("variant", "warn", "admin-override");
    String url = url(d.params.text("url", d.rng.pick(Vocabulary.MALICIOUS_URLS)));
    String category = d.params.text("category", "Phishing & Fraud");
    String recipient = d.recipient();
    MessageTwist.Click click =
        variant.equals("warn")
            ? new MessageTwist.Click(
                0, 0, Duration.ofMinutes(7), true, category, "warn", "Continue", "N/A", "None")
            : new MessageTwist.Click(
                0, 0, Duration.ofMinutes(7), true, category, "allow", "N/A", "Permit", "None");
    MessageTwist twist =
        new MessageTwist()
            .recipients(List.of(recipient))
            .links(List.of(url))
            .clicks(List.of(click));
    GeneratedMessage message =
        d.message(inbound(0, 1, null, false, false, false, true, false, false), d.at, twist);
    d.facts.put("url", url);
    d.facts.put("user", recipient);
    d.facts.put("variant", variant);
    d.messageFacts(message);
  }

  private void impersonationWave(Draft d) {
    int count = d.params.integer("count", 5, 1, 100);
    String domain =
        d.params.text("domain", lookalike(tenant.primaryDomain())).toLowerCase(Locale.ROOT);
    List<String> recipients =
        d.params.list(
            "recipients", List.of("cfo@" + tenant.primaryDomain(), "ap@" + tenant.primaryDomain()));
    for (String recipient : recipients) {
      if (recipient.indexOf('@') < 1) {
        throw new IllegalArgumentException("recipients must be e-mail addresses: " + recipient);
      }
    }
    boolean hold = d.params.choice("action", "hold", "none").equals("hold");
    Person executive = tenant.executives().get(0);
    String local = executive.address().substring(0, executive.address().indexOf('@'));
    Person sender = new Person(executive.displayName(), local + "@" + domain);
    String ip = d.rng.pick(Vocabulary.MALICIOUS_IP_PREFIXES) + d.rng.between(2, 254);
    List<String> identifiers =
        hold
            ? List.of("similar_internal_domain", "internal_user_name", "targeted_threat_dictionary")
            : List.of("similar_internal_domain");
    List<String> subjects =
        List.of(
            "Urgent wire transfer request",
            "Quick favour?",
            "Payment needed today",
            "Confidential: change of vendor bank details");
    Instant time = d.at;
    for (int i = 0; i < count; i++) {
      MessageTwist twist =
          new MessageTwist()
              .sender(sender)
              .senderIp(ip)
              .recipients(List.of(recipients.get(i % recipients.size()).toLowerCase(Locale.ROOT)))
              .subject(subjects.get(i % subjects.size()))
              .impersonation(executive, identifiers);
      d.message(inbound(0, 0, null, false, false, false, false, true, hold), time, twist);
      time = time.plusSeconds(d.rng.between(40, 80));
    }
    d.facts.put("domain", domain);
    d.facts.put("sender", sender.address());
    d.facts.put("senderIp", ip);
    d.facts.put("recipients", String.join(",", recipients));
    d.facts.put("count", Integer.toString(count));
    d.facts.put("action", hold ? "hold" : "none");
  }

  private void indicatorHit(Draft d) {
    String order = d.params.choice("order", "indicator-first", "event-first");
    int validDays = d.params.integer("validDays", 30, 1, 3_650);
    String[] template = d.rng.pick(Vocabulary.MALICIOUS_FILES);
    Attachment file = file(d, template, null);
    String defaultHost = "docs-" + d.rng.hex(6) + ".top";
    String url = url(d.params.text("url", "https://" + defaultHost + "/dl/" + file.fileName()));
    String host = URI.create(url).getHost();
    String recipient = d.recipient();
    String ip = d.rng.pick(Vocabulary.MALICIOUS_IP_PREFIXES) + d.rng.between(2, 254);
    Duration gap = Duration.ofMinutes(90);
    boolean indicatorFirst = order.equals("indicator-first");
    Instant emailTime = indicatorFirst ? d.at.plus(gap) : d.at;
    Instant indicatorTime = indicatorFirst ? d.at : d.at.plus(gap);
    MessageTwist.Click click =
        new MessageTwist.Click(
            0, 0, Duration.ofMinutes(10), false, "Unknown", "allow", "N/A", "N/A", "None");
    MessageTwist twist =
        new MessageTwist()
            .sender(new Person("Accounts Receivable", "billing@" + host))
            .senderIp(ip)
            .recipients(List.of(recipient))
            .subject("Invoice overdue - payment needed today")
            .firstAttachment(file)
            .sandboxAttachments()
            .links(List.of(url))
            .clicks(List.of(click));
    GeneratedMessage message =
        d.message(inbound(1, 1, null, false, false, false, false, false, false), emailTime, twist);
    Email email = message.email();
    Instant validUntil = indicatorTime.plus(Duration.ofDays(validDays));
    String feed = FeedType.MALWARE_CUSTOMER.apiName();
    d.indicators.add(
        new ThreatIndicator(
            d.id + "/ti/" + feed + "/file",
            FeedType.MALWARE_CUSTOMER,
            indicatorTime,
            email.envelopeSender(),
            ip,
            email.subject(),
            file,
            null,
            validUntil,
            Rng.mix(d.key ^ 0x71F1L),
            false));
    d.indicators.add(
        new ThreatIndicator(
            d.id + "/ti/" + feed + "/url",
            FeedType.MALWARE_CUSTOMER,
            indicatorTime,
            email.envelopeSender(),
            ip,
            email.subject(),
            null,
            url,
            validUntil,
            Rng.mix(d.key ^ 0x71F2L),
            false));
    d.facts.put("order", order);
    d.facts.put("sha256", file.sha256());
    d.facts.put("fileName", file.fileName());
    d.facts.put("url", url);
    d.facts.put("host", host);
    d.facts.put("recipient", recipient);
    d.facts.put("indicatorTime", indicatorTime.toString());
    d.facts.put("emailTime", emailTime.toString());
    d.messageFacts(message);
  }

  private void logonFailures(Draft d) {
    int count = d.params.integer("count", 5, 1, 100);
    String user = d.params.address("user", tenant.users().get(0).address());
    String ip =
        d.params.text("ip", d.rng.pick(Vocabulary.MALICIOUS_IP_PREFIXES) + d.rng.between(2, 254));
    for (int i = 0; i < count; i++) {
      Instant time = d.at.plusSeconds(i * 110L + d.rng.between(0, 20));
      d.audit(
          "Logon Authentication Failed",
          user,
          time,
          "Failed authentication for "
              + user
              + ", "
              + auditLog.when(time.truncatedTo(ChronoUnit.SECONDS))
              + ", IP: "
              + ip
              + ", Application: Administration Console, Reason: Incorrect password",
          "authentication_logs");
    }
    d.facts.put("user", user);
    d.facts.put("ip", ip);
    d.facts.put("count", Integer.toString(count));
  }

  private void heldBurst(Draft d) {
    int count = d.params.integer("count", 20, 1, 200);
    boolean rejected = d.params.choice("action", "held", "rejected").equals("rejected");
    String sender =
        d.params.address("sender", "billing@" + d.rng.pick(Vocabulary.MALICIOUS_SENDER_DOMAINS));
    String ip =
        d.params.text("ip", d.rng.pick(Vocabulary.MALICIOUS_IP_PREFIXES) + d.rng.between(2, 254));
    String subject = d.rng.pick(Vocabulary.SPAM_SUBJECTS);
    Person person = new Person(sender.substring(0, sender.indexOf('@')), sender);
    for (int i = 0; i < count; i++) {
      Instant time = d.at.plusSeconds(i * 29L).plusMillis(d.rng.between(0, 999));
      MessageTwist twist = new MessageTwist().sender(person).senderIp(ip).subject(subject);
      MessagePlan plan =
          rejected
              ? inbound(0, 0, Rejection.RBL, false, false, false, false, false, false)
              : inbound(0, 0, null, true, false, false, false, false, false);
      d.message(plan, time, twist);
    }
    d.facts.put("sender", sender);
    d.facts.put("ip", ip);
    d.facts.put("count", Integer.toString(count));
    d.facts.put("action", rejected ? "rejected" : "held");
  }

  private void bypassPolicy(Draft d) {
    String user = d.params.address("user", tenant.users().get(0).address());
    String senderDomain =
        d.params.text("senderDomain", d.rng.pick(Vocabulary.MALICIOUS_SENDER_DOMAINS));
    String application = d.params.text("application", "Mail Sync Connector");
    String applicationId =
        d.rng.hex(8)
            + "-"
            + d.rng.hex(4)
            + "-"
            + d.rng.hex(4)
            + "-"
            + d.rng.hex(4)
            + "-"
            + d.rng.hex(12);
    d.audit(
        "Policy Created",
        user,
        d.at,
        "Created policy: Permitted Senders - Definition: Permitted Senders Default, Policy Action:"
            + " Permit Sender, From: "
            + senderDomain
            + ", To: Everyone, Bypass: Spam and Reputation Checks, By: "
            + user,
        "account_logs");
    d.audit(
        "API Application Created",
        user,
        d.at.plus(Duration.ofMinutes(3)),
        "Application: " + application + ", Application ID: " + applicationId + ", By: " + user,
        "integrations_and_apis");
    d.facts.put("user", user);
    d.facts.put("senderDomain", senderDomain);
    d.facts.put("application", application);
    d.facts.put("applicationId", applicationId);
  }

  private void dlpHold(Draft d) {
    String action = d.params.choice("action", "hold", "notification");
    String policy = d.params.text("policy", Vocabulary.DLP_POLICIES.get(0));
    String senderAddress = d.params.address("sender", d.rng.pick(tenant.users()).address());
    Person sender =
        tenant.users().stream()
            .filter(u -> u.address().equalsIgnoreCase(senderAddress))
            .findFirst()
            .orElse(
                new Person(senderAddress.substring(0, senderAddress.indexOf('@')), senderAddress));
    String recipient =
        d.params.address("recipient", "accounts@" + d.rng.pick(Vocabulary.BENIGN_SENDER_DOMAINS));
    MessageTwist twist =
        new MessageTwist()
            .sender(sender)
            .recipients(List.of(recipient))
            .subject("Customer list and card details - confidential")
            .dlp(policy, action);
    // one recipient, one attachment, no other verdict: only DLP decides its fate
    MessagePlan plan =
        new MessagePlan(
            Direction.OUTBOUND,
            false,
            1,
            1,
            0,
            null,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false);
    GeneratedMessage message = d.message(plan, d.at, twist);
    d.facts.put("policy", policy);
    d.facts.put("action", action);
    d.facts.put("sender", sender.address());
    d.facts.put("recipient", recipient);
    d.messageFacts(message);
  }

  // ------------------------------------------------------------------ helpers

  private static MessagePlan inbound(
      int attachments,
      int links,
      Rejection rejection,
      boolean spamHold,
      boolean virus,
      boolean sandboxMalicious,
      boolean maliciousLink,
      boolean impersonation,
      boolean impersonationHold) {
    return new MessagePlan(
        Direction.INBOUND,
        false,
        1,
        attachments,
        links,
        rejection,
        spamHold,
        virus,
        sandboxMalicious,
        maliciousLink,
        impersonation,
        impersonationHold,
        false,
        false,
        false);
  }

  /** A file from the template; {@code virusName} null means no engine recognised it. */
  private static Attachment file(Draft d, String[] template, String virusName) {
    String drawn = d.rng.hex(64);
    return new Attachment(
        template[0],
        template[1],
        d.rng.between(900, 2_400_000),
        d.rng.hex(32),
        d.rng.hex(40),
        d.params.sha256("sha256", drawn),
        virusName);
  }

  private static String url(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url is not a URL: " + value, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("url must be an http(s) URL with a host: " + value);
    }
    return value;
  }

  /**
   * A look-alike of the tenant's domain, one character swapped the way phishers do: {@code l} to
   * {@code 1}, else {@code o} to {@code 0}, {@code i} to {@code 1}, {@code e} to {@code 3}.
   */
  static String lookalike(String domain) {
    int dot = domain.indexOf('.');
    String stem = domain.substring(0, dot);
    String rest = domain.substring(dot);
    String[][] swaps = {{"l", "1"}, {"o", "0"}, {"i", "1"}, {"e", "3"}};
    for (String[] swap : swaps) {
      if (stem.contains(swap[0])) {
        return stem.replaceFirst(swap[0], swap[1]) + rest;
      }
    }
    return stem + "s" + rest;
  }
}
