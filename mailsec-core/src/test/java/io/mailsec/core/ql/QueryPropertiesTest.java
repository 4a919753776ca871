package io.mailsec.core.ql;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.StoreFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the query language over generated input: no string makes parsing or planning throw
 * anything but {@link QuerySyntaxException}, errors point inside the text, canonical text and
 * explanations re-parse to the same meaning, and the store runner agrees with the in-memory runner.
 */
class QueryPropertiesTest {
  private static final Instant NOW = QueryCorpusTest.NOW;
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();
  private static final QueryLanguage QL = QueryLanguage.standard();

  /** Pieces of the language, so generated token soups reach deep into the parser. */
  private static final List<String> TOKENS =
      List.of(
          "FROM",
          "email",
          "http",
          "audit",
          "threat_indicator",
          ",",
          "WHERE",
          "AND",
          "OR",
          "NOT",
          "(",
          ")",
          "status",
          "subject",
          "message_size",
          "sender_ip",
          "event_time",
          "attachments",
          "attachments.sha256",
          "ingest.integration_id",
          "to_email_address",
          "delivered",
          "@ip",
          "@user",
          "@hash",
          "@",
          "=",
          "!=",
          "<",
          "<=",
          ">",
          ">=",
          "==",
          "<>",
          "IN",
          "!IN",
          "NOT IN",
          "CONTAINS",
          "!CONTAINS",
          "STARTSWITH",
          "ENDSWITH",
          "MATCHES",
          "MATCHES_REGEX",
          "!MATCHES_REGEX",
          "IS",
          "NULL",
          "true",
          "false",
          "'held'",
          "'10.0.0.0/8'",
          "'x''y'",
          "e'a\\'b'",
          "'('",
          "'[a-'",
          "'2024-03-01'",
          "'",
          "e'",
          "\"",
          "5",
          "-3",
          "2.5",
          "1e999",
          "99999999999999999999",
          "EARLIEST",
          "LATEST",
          "=-24h",
          "-1d",
          "now",
          "+2w",
          "-0s",
          "'2024-03-01T10:00:00Z'",
          "|",
          "head",
          "tail",
          "10",
          "0",
          "sort",
          "asc",
          "desc",
          "fields",
          "aggregate",
          "count",
          "count(subject)",
          "distinct",
          "min",
          "max",
          "sum",
          "avg",
          "by",
          "bin",
          "bin(event_time, 1h)",
          "bin(event_time,",
          "1h",
          "0h",
          "\n",
          "!",
          ".",
          "-",
          "é",
          "\u0000");

  @Property(tries = 2000)
  void anyStringEitherPlansOrFailsWithALocatedSyntaxError(@ForAll String text) {
    checkOnlySyntaxErrors(text);
  }

  @Property(tries = 3000)
  void tokenSoupEitherPlansOrFailsWithALocatedSyntaxError(@ForAll("tokenSoup") String text) {
    checkOnlySyntaxErrors(text);
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(25).map(tokens -> String.join(" ", tokens));
  }

  private static void checkOnlySyntaxErrors(String text) {
    try {
      QueryPlan plan = QL.plan(text, NOW);
      assertThat(plan.schemas()).isNotEmpty();
    } catch (QuerySyntaxException e) {
      QueryError error = e.error();
      assertThat(error.offset()).isBetween(0, text.length());
      assertThat(error.line()).isPositive();
      assertThat(error.column()).isPositive();
      assertThat(error.message()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void generatedQueriesRoundTripAndBothRunnersAgree(@ForAll long seed) {
    Random random = new Random(seed);
    String text = new QueryGenerator(random).query();
    Query query = QL.parse(text);
    // The canonical text parses to a query with the same canonical text, and the explanation
    // plans to the same explanation.
    assertThat(QL.parse(query.toString()).toString()).as(text).isEqualTo(query.toString());
    QueryPlan plan = QL.plan(text, NOW);
    assertThat(QL.plan(plan.explain(), NOW).explain()).as(text).isEqualTo(plan.explain());
    List<Event> events = randomEvents(random, 60);
    QueryResult inMemory = new MemoryQueryRunner(REGISTRY).run(plan, events);
    QueryResult fromStore =
        new StoreQueryRunner(REGISTRY, QueryOptions.DEFAULTS)
            .run(plan, new ListEventStore(REGISTRY, events));
    assertThat(fromStore).as(text).isEqualTo(inMemory);
  }

  /** Random valid queries over the email schema. */
  static final class QueryGenerator {
    private static final String[] STATUSES = {"delivered", "HELD", "rejected", "nothing"};
    private static final String[] WORDS = {"invoice", "o", "", "it's", "MEET", "re"};
    private static final String[] IPS = {"10.0.0.0/8", "10.1.2.3", "2001:db8::/32", "192.168.7.9"};
    private final Random random;

    QueryGenerator(Random random) {
      this.random = random;
    }

    String query() {
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
      return switch (random.nextInt(12)) {
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
            "subject " + pick("MATCHES_REGEX", "!MATCHES") + " " + quote(pick("^i", "s$", "e.t"));
        case 5 -> "sender_ip " + pick("=", "!=") + " " + quote(pick(IPS));
        case 6 -> "@ip IN (" + quote(pick(IPS)) + ")";
        case 7 -> "@user " + pick("STARTSWITH", "=", "!=") + " 'bob@corp.test'";
        case 8 -> "delivered = " + pick("true", "false");
        case 9 -> "tls.version IS " + pick("NULL", "NOT NULL");
        case 10 -> "attachments.sha256 IN ('AA11', 'cc33')";
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
          "aggregate distinct(attachments.sha256), min(event_time), count by sender_ip");
    }

    private String pick(String... options) {
      return options[random.nextInt(options.length)];
    }

    private static String quote(String s) {
      return "'" + s.replace("'", "''") + "'";
    }
  }

  static List<Event> randomEvents(Random random, int n) {
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
