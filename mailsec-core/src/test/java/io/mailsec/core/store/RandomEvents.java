package io.mailsec.core.store;

import static io.mailsec.core.query.Predicates.and;
import static io.mailsec.core.query.Predicates.contains;
import static io.mailsec.core.query.Predicates.eq;
import static io.mailsec.core.query.Predicates.in;
import static io.mailsec.core.query.Predicates.isNull;
import static io.mailsec.core.query.Predicates.not;
import static io.mailsec.core.query.Predicates.or;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random email events and predicates over a small vocabulary, so that random predicates hit
 * a fair share of random events. Used to duel a store against {@link
 * io.mailsec.core.query.PredicateEvaluator}.
 */
final class RandomEvents {
  private static final String[] STATUSES = {"delivered", "held", "rejected", "Delivered", "HELD"};
  private static final String[] ADDRESSES = {
    "bob@corp.test", "Carol@Corp.Test", "dave@partner.test", "eve@evil.example", "x@y.z"
  };
  private static final String[] WORDS = {
    "invoice",
    "Invoice",
    "virus",
    "antivirus",
    "eicar",
    "meeting",
    "urgent",
    "İstanbul",
    "ünïcode",
    "pay-now",
    "a.b",
    "x@y"
  };
  private static final String[] SEPARATORS = {" ", " ", "-", "\":\"", ", ", "/"};
  private static final String[] IPS = {
    "10.1.2.3", "10.200.0.1", "192.168.7.9", "2001:db8::5", "2001:db8:1::9", "::ffff:10.1.2.99"
  };
  private static final String[] IP_OPERANDS = {
    "10.0.0.0/8",
    "10.1.2.3",
    "192.168.0.0/16",
    "2001:db8::/32",
    "2001:db8::5",
    "10.1.2.99",
    "0.0.0.0/0"
  };
  private static final String[] HASHES = {"aa11", "BB22", "cc33"};
  private static final String[] NEEDLES = {
    "voice",
    "INVOICE",
    "virus",
    "irus ",
    "\":\"",
    "pay-n",
    "a.b",
    "y\":\"",
    "istanbul",
    "ÜNÏ",
    "-now",
    "meeting urgent",
    "x@",
    "",
    "zzz",
    "@corp",
    "CORP.T",
    ".test"
  };

  private final Random random;

  RandomEvents(long seed) {
    this.random = new Random(seed);
  }

  List<Event> events(int n) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant time = StoreFixtures.T0.plusSeconds(random.nextInt(10 * 24 * 3600));
      Event.Builder b =
          StoreFixtures.event(
              "email", String.format(Locale.ROOT, "r%04d", i), time, StoreFixtures.SIEM);
      maybe(() -> b.put("status", pick(STATUSES)));
      maybe(() -> b.put("direction", random.nextBoolean() ? "inbound" : "outbound"));
      int recipients = random.nextInt(4);
      for (int r = 0; r < recipients; r++) {
        b.add("to_email_address", pick(ADDRESSES));
      }
      maybe(() -> b.add("from_email_address", pick(ADDRESSES)));
      maybe(() -> b.put("subject", sentence(1 + random.nextInt(4))));
      maybe(() -> b.put("sender_ip", pick(IPS)));
      maybe(() -> b.put("message_size", (long) random.nextInt(5000)));
      maybe(() -> b.put("delivered", random.nextBoolean()));
      maybe(() -> b.put("tls.version", random.nextBoolean() ? "TLSv1.2" : "TLSv1.3"));
      int attachments = random.nextInt(3);
      for (int a = 0; a < attachments; a++) {
        b.add("attachments", Map.of("name", pick(WORDS) + ".pdf", "sha256", pick(HASHES)));
      }
      b.put("original_data", sentence(2 + random.nextInt(8)));
      out.add(b.build());
    }
    return out;
  }

  Predicate predicate(int depth) {
    if (depth > 0 && random.nextInt(3) == 0) {
      return switch (random.nextInt(3)) {
        case 0 -> and(predicate(depth - 1), predicate(depth - 1));
        case 1 -> or(predicate(depth - 1), predicate(depth - 1));
        default -> not(predicate(depth - 1));
      };
    }
    return switch (random.nextInt(13)) {
      case 0 -> new Comparison("status", eqOrNe(), randomCase(pick(STATUSES)));
      case 1 -> in("to_email_address", randomCase(pick(ADDRESSES)), pick(ADDRESSES));
      case 2 -> new Comparison("message_size", anyOp(), (long) random.nextInt(5000));
      case 3 -> new Comparison("message_size", anyOp(), random.nextInt(5000) + 0.5);
      case 4 ->
          new Comparison(
              "event_time", anyOp(), StoreFixtures.T0.plusSeconds(random.nextInt(10 * 24 * 3600)));
      case 5 -> contains(random.nextBoolean() ? "original_data" : "subject", pick(NEEDLES));
      case 6 -> contains(random.nextBoolean() ? "to_email_address" : "status", pick(NEEDLES));
      case 7 -> new Comparison("sender_ip", eqOrNe(), pick(IP_OPERANDS));
      case 8 -> isNull(pick(new String[] {"sender_ip", "attachments", "subject", "tls.version"}));
      case 9 -> eq("delivered", random.nextBoolean());
      case 10 -> eq("attachments.sha256", randomCase(pick(HASHES)));
      case 11 -> new Comparison("to_email_address", anyOp(), randomCase(pick(ADDRESSES)));
      default -> new Comparison("subject", eqOrNe(), randomCase(sentence(1)));
    };
  }

  private void maybe(Runnable action) {
    if (random.nextInt(4) != 0) {
      action.run();
    }
  }

  private String sentence(int words) {
    StringBuilder out = new StringBuilder(pick(WORDS));
    for (int i = 1; i < words; i++) {
      out.append(pick(SEPARATORS)).append(pick(WORDS));
    }
    return out.toString();
  }

  private String randomCase(String s) {
    return switch (random.nextInt(3)) {
      case 0 -> s.toUpperCase(Locale.ROOT);
      case 1 -> s.toLowerCase(Locale.ROOT);
      default -> s;
    };
  }

  private Operator eqOrNe() {
    return random.nextBoolean() ? Operator.EQ : Operator.NE;
  }

  private Operator anyOp() {
    return Operator.values()[random.nextInt(Operator.values().length)];
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
