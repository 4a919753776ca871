package io.mailsec.simulator.data;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Generates the account's audit trail hour by hour: logons, failed logons, policy and API
 * application changes, feed downloads, archive and case actions. About 3% of events reuse the id of
 * the event before them (Mimecast's audit ids are not unique).
 */
final class AuditLog {
  private static final long STREAM = 0xA0D17L;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss zzz", Locale.ENGLISH);
  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS", Locale.ROOT);

  private final long seed;
  private final Tenant tenant;

  AuditLog(long seed, Tenant tenant) {
    this.seed = seed;
    this.tenant = tenant;
  }

  /** Events of one UTC hour ({@code hourIndex} = epoch hours), oldest first. */
  List<AuditEvent> hour(long hourIndex) {
    Rng rng = Rng.of(seed, STREAM, hourIndex);
    int count = rng.between(0, 5);
    TreeSet<Integer> seconds = new TreeSet<>();
    while (seconds.size() < count) {
      seconds.add(rng.nextInt(3_600));
    }
    List<AuditEvent> events = new ArrayList<>();
    int index = 0;
    for (int second : seconds) {
      Instant time = Instant.ofEpochSecond(hourIndex * 3_600 + second);
      String id =
          !events.isEmpty() && rng.chance(0.03)
              ? events.get(events.size() - 1).id()
              : uniqueId(hourIndex, index, rng);
      events.add(event(id, time, rng));
      index++;
    }
    return List.copyOf(events);
  }

  private String uniqueId(long hourIndex, int index, Rng rng) {
    return idFrom(((hourIndex << 8) | index), rng);
  }

  /**
   * The id of the {@code index}-th audit event of a scenario. Its input has bit 62 set, which no
   * {@code (hour << 8) | index} of a real hour has, so it never equals a generated id.
   */
  String scenarioId(long scenarioKey, int index, Rng rng) {
    return idFrom((1L << 62) | ((scenarioKey & 0xFF_FFFF_FFFFL) << 16) | index, rng);
  }

  /** The {@code Date: ..., Time: ...} part of {@code eventInfo}, in the account's time zone. */
  String when(Instant time) {
    ZoneId zone = tenant.zone();
    return "Date: " + DATE.format(time.atZone(zone)) + ", Time: " + TIME.format(time.atZone(zone));
  }

  private String idFrom(long input, Rng rng) {
    long unique = Rng.mix(input ^ Rng.mix(seed ^ STREAM));
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (unique >>> (56 - 8 * i));
    }
    return "eNqrVi"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
        + rng.base64Url(30);
  }

  private AuditEvent event(String id, Instant time, Rng rng) {
    Person admin = tenant.users().get(rng.nextInt(2));
    Person user = rng.pick(tenant.users());
    String ip = rng.pick(Vocabulary.EXTERNAL_IP_PREFIXES) + rng.between(2, 254);
    String when = when(time);
    double roll = rng.nextDouble();
    if (roll < 0.38) {
      String app = rng.pick(Vocabulary.USER_AGENTS_APPS);
      return new AuditEvent(
          id,
          "User Logged On",
          user.address(),
          time,
          "Successful authentication for "
              + user.mailbox()
              + ", "
              + when
              + ", IP: "
              + ip
              + ", Application: "
              + app
              + ", Method: Cloud, 2FA: TOTP",
          "authentication_logs");
    }
    if (roll < 0.53) {
      return new AuditEvent(
          id,
          "Logon Authentication Failed",
          user.address(),
          time,
          "Failed authentication for "
              + user.address()
              + ", "
              + when
              + ", IP: "
              + ip
              + ", Application: "
              + rng.pick(Vocabulary.USER_AGENTS_APPS)
              + ", Reason: Incorrect password",
          "authentication_logs");
    }
    if (roll < 0.65) {
      String verb = rng.pick(List.of("Created", "Updated", "Deleted"));
      String policy = rng.pick(Vocabulary.POLICY_NAMES);
      return new AuditEvent(
          id,
          "Policy " + verb,
          admin.address(),
          time,
          verb
              + " policy: "
              + policy
              + " - Definition: "
              + policy
              + " Default, By: "
              + admin.address(),
          "account_logs");
    }
    if (roll < 0.71) {
      String change =
          rng.pick(
              List.of(
                  "API Application Created",
                  "API Application Key Created",
                  "API Application Updated"));
      return new AuditEvent(
          id,
          change,
          admin.address(),
          time,
          "Application: "
              + rng.pick(Vocabulary.API_APPLICATION_NAMES)
              + ", Application ID: "
              + rng.hex(8)
              + "-"
              + rng.hex(4)
              + "-"
              + rng.hex(4)
              + "-"
              + rng.hex(4)
              + "-"
              + rng.hex(12)
              + ", By: "
              + admin.address(),
          "integrations_and_apis");
    }
    if (roll < 0.80) {
      String feed = rng.chance(0.5) ? "malware_grid" : "malware_customer";
      return new AuditEvent(
          id,
          "Threat Intel Feed Download",
          "mailsec-api@" + tenant.primaryDomain(),
          time,
          "Threat Intel Feed Download, File: "
              + feed
              + "_csv_"
              + FILE_STAMP.format(time.atZone(java.time.ZoneOffset.UTC))
              + ".zip",
          "integrations_and_apis");
    }
    if (roll < 0.88) {
      return new AuditEvent(
          id,
          "Message Action",
          admin.address(),
          time,
          "Message released from hold queue for " + user.address() + ", Reason: false positive",
          "archive_service_logs");
    }
    if (roll < 0.93) {
      return new AuditEvent(
          id,
          "Search Action",
          admin.address(),
          time,
          "Archive search performed, Search reason: investigation, Query: from:" + user.domain(),
          "archive_service_logs");
    }
    if (roll < 0.96) {
      return new AuditEvent(
          id,
          "Case Action",
          admin.address(),
          time,
          "Case updated: Case " + rng.between(100, 999) + ", Status: In Progress",
          "case_review_logs");
    }
    if (roll < 0.98) {
      return new AuditEvent(
          id,
          "Role Assigned",
          admin.address(),
          time,
          "Role Basic Administrator assigned to " + user.address(),
          "user_account_and_role_logs");
    }
    return new AuditEvent(
        id,
        "Mimecast Access",
        "",
        time,
        "Mimecast support accessed the account, Ticket: 0" + rng.between(1_000_000, 9_999_999),
        "mimecast_access_logs");
  }
}
