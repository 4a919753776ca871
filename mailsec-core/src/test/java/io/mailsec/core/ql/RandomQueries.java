package io.mailsec.core.ql;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.StoreFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random valid queries over the email schema, and random email events their conditions hit
 * often. Shipped in the test jar so that store modules duel {@link StoreQueryRunner} on their store
 * against {@link MemoryQueryRunner} with the same generator. Everything derives from the given
 * {@link SplittableRandom}, so a seed reproduces a case.
 */
public final class RandomQueries {
  /** The time the generated queries are planned at and the events are placed before. */
  public static final Instant NOW = Instant.parse("2024-03-01T14:00:00Z");

  private static final String[] STATUSES = {"delivered", "HELD", "rejected", "nothing"};
  private static final String[] WORDS = {"invoice", "o", "", "it's", "MEET", "re", "ch", "ST"};
  private static final String[] IPS = {"10.0.0.0/8", "10.1.2.3", "2001:db8::/32", "192.168.7.9"};

  private final SplittableRandom random;

  public RandomQueries(SplittableRandom random) {
    this.random = random;
  }

  /** A random valid query: conditions nested up to two levels, a window, up to three pipes. */
  public String query() {
    StringBuilder out = new StringBuilder("FROM email");
    if (random.nextInt(4) > 0) {
      out.append(random.nextBoolean() ? " WHERE " : " ").append(condition(2));
    }
    if (random.nextBoolean()) {
      out.append(" EARLIEST=-").append(1 + random.nextInt(30)).append('h');
    }
    int pipes = random.nextInt(4);
    boolean aggregated = false;
    for (int i = 0; i < pipes; i++) {
      out.append(" | ");
      int kind = random.nextInt(5);
      if (kind == 0 && !aggregated) {
        out.append(aggregate());
        aggregated = true;
      } else if (kind == 1) {
        out.append(aggregated ? "sort count desc" : "sort " + sortKey());
      } else if (kind == 2) {
        out.append("tail ").append(1 + random.nextInt(5));
      } else if (kind == 3 && !aggregated) {
        out.append("fields status, subject");
      } else {
        out.append("head ").append(1 + random.nextInt(5));
      }
    }
    return out.toString();
  }

  private String condition(int depth) {
    if (depth > 0 && random.nextInt(3) == 0) {
      return switch (random.nextInt(3)) {
        case 0 -> "(" + condition(depth - 1) + " AND " + condition(depth - 1) + ")";
        case 1 -> "(" + condition(depth - 1) + " OR " + condition(depth - 1) + ")";
        default -> "NOT " + condition(depth - 1);
      };
    }
    return switch (random.nextInt(14)) {
      case 0 -> "status " + pick("=", "!=") + " " + quote(pick(STATUSES));
      case 1 -> "status " + pick("IN", "!IN") + " (" + quote(pick(STATUSES)) + ", 'held')";
      case 2 ->
          "message_size " + pick("=", "<", "<=", ">", ">=", "!=") + " " + random.nextInt(3000);
      case 3 ->
          "subject "
              + pick("CONTAINS", "!CONTAINS", "STARTSWITH", "ENDSWITH", "NOT ENDSWITH")
              + " "
              + quote(pick(WORDS));
      case 4 ->
          "subject "
              + pick("MATCHES_REGEX", "!MATCHES")
              + " "
              + quote(pick("^i", "s$", "e.t", "(?-i)^R", "\\d"));
      case 5 -> "sender_ip " + pick("=", "!=") + " " + quote(pick(IPS));
      case 6 -> "@ip IN (" + quote(pick(IPS)) + ")";
      case 7 -> "@user " + pick("STARTSWITH", "=", "!=", "ENDSWITH") + " 'bob@corp.test'";
      case 8 -> "delivered = " + pick("true", "false");
      case 9 -> "tls.version IS " + pick("NULL", "NOT NULL");
      case 10 -> "attachments.sha256 IN ('AA11', 'cc33')";
      case 11 ->
          "status "
              + pick("STARTSWITH", "ENDSWITH", "!STARTSWITH", "CONTAINS")
              + " "
              + quote(pick("del", "D", "ed", "", "HEL"));
      case 12 ->
          pick("status", "sender_ip", "to_email_address")
              + " "
              + pick("MATCHES", "!MATCHES_REGEX")
              + " "
              + quote(pick("^d", "ED$", "^10\\.", "::", "corp\\.test$", "(?-i)^C", "^$"));
      default -> "event_time >= '2024-03-01T1" + random.nextInt(4) + ":00:00Z'";
    };
  }

  private String sortKey() {
    return pick("message_size", "status", "sender_ip", "event_time", "to_email_address")
        + pick(" asc", " desc", "");
  }

  private String aggregate() {
    return pick(
        "aggregate count by status",
        "aggregate count by direction, to_email_address",
        "aggregate count",
        "aggregate count, sum(message_size), avg(message_size) by status",
        "aggregate count by bin(event_time, 1h)",
        "aggregate count by bin(event_time, 2h), direction",
        "aggregate count by bin(event_time, 30m), status",
        "aggregate count by bin(event_time, 3h), to_email_address",
        "aggregate count by bin(event_time, 1h), sender_ip",
        "aggregate count by bin(event_time, 1d), delivered",
        "aggregate count by bin(event_time, 4h), message_size",
        "aggregate count by to_email_address",
        "aggregate count by sender_ip",
        "aggregate distinct(attachments.sha256), min(event_time), count by sender_ip");
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /**
   * {@code n} random email events within the 30 hours before {@link #NOW}, with ids {@code r000},
   * {@code r001}, ... and values from the vocabulary the generated conditions use.
   */
  public List<Event> events(int n) {
    String[] statuses = {"delivered", "held", "Delivered", "REJECTED"};
    String[] subjects = {"Invoice for March", "it's a meeting", "Re: test", "password reset"};
    String[] ips = {"10.1.2.3", "10.200.0.1", "192.168.7.9", "2001:db8::5", "::ffff:10.1.2.99"};
    String[] addresses = {"bob@corp.test", "Carol@Corp.Test", "x@y.z"};
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant time = NOW.minusSeconds(random.nextInt(30 * 3600));
      Event.Builder b =
          StoreFixtures.event(
              "email", String.format(Locale.ROOT, "r%03d", i), time, StoreFixtures.SIEM);
      if (random.nextBoolean()) {
        b.put("status", statuses[random.nextInt(statuses.length)]);
      }
      if (random.nextBoolean()) {
        b.put("direction", random.nextBoolean() ? "inbound" : "outbound");
      }
      if (random.nextBoolean()) {
        b.put("subject", subjects[random.nextInt(subjects.length)]);
      }
      if (random.nextBoolean()) {
        b.put("sender_ip", ips[random.nextInt(ips.length)]);
      }
      if (random.nextBoolean()) {
        b.put("message_size", (long) random.nextInt(3000));
      }
      if (random.nextBoolean()) {
        b.put("delivered", random.nextBoolean());
      }
      if (random.nextBoolean()) {
        b.put("tls.version", "TLSv1.2");
      }
      for (int r = random.nextInt(3); r > 0; r--) {
        b.add("to_email_address", addresses[random.nextInt(addresses.length)]);
      }
      for (int a = random.nextInt(3); a > 0; a--) {
        b.add("attachments", Map.of("sha256", random.nextBoolean() ? "aa11" : "CC33"));
      }
      out.add(b.build());
    }
    return out;
  }
}
