package io.mailsec.core.ql;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of the query language over generated input: no string makes parsing or planning throw
 * anything but {@link QuerySyntaxException}, errors point inside the text, canonical text and
 * explanations re-parse to the same meaning, and the store runner agrees with the in-memory runner.
 *
 * <p>Each test walks a fixed sequence of seeds; every failure message names the seed of its case,
 * which {@link #reproduce} replays.
 */
class QueryPropertiesTest {
  private static final Instant NOW = QueryCorpusTest.NOW;
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();
  private static final QueryLanguage QL = QueryLanguage.standard();
  private static final long FIRST_SEED = 0x5eed_0001L;

  /** Characters arbitrary strings are drawn from: syntax, letters, and the awkward ones. */
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
          + " \t\n\r'\"\\()|,.=!<>@-+*/:;%$#_[]{}^?~`eE"
          + "\u0000\u00e9\u0130\u0131\u00df\u2028\uffff\ud83d\ude00\ud800\udc00";

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

  @Test
  void anyStringEitherPlansOrFailsWithALocatedSyntaxError() {
    for (long seed = FIRST_SEED; seed < FIRST_SEED + 3000; seed++) {
      String text = arbitraryString(new SplittableRandom(seed));
      checkOnlySyntaxErrors(seed, text);
    }
  }

  @Test
  void tokenSoupEitherPlansOrFailsWithALocatedSyntaxError() {
    for (long seed = FIRST_SEED; seed < FIRST_SEED + 4000; seed++) {
      String text = tokenSoup(new SplittableRandom(seed));
      checkOnlySyntaxErrors(seed, text);
    }
  }

  @Test
  void generatedQueriesRoundTripAndBothRunnersAgree() {
    for (long seed = FIRST_SEED; seed < FIRST_SEED + 300; seed++) {
      reproduce(seed);
    }
  }

  /** Replays one case of {@link #generatedQueriesRoundTripAndBothRunnersAgree}. */
  private static void reproduce(long seed) {
    RandomQueries random = new RandomQueries(new SplittableRandom(seed));
    String text = random.query();
    String as = "seed " + seed + ": " + text;
    try {
      Query query = QL.parse(text);
      // The canonical text parses to a query with the same canonical text, and the explanation
      // plans to the same explanation.
      assertThat(QL.parse(query.toString()).toString()).as(as).isEqualTo(query.toString());
      QueryPlan plan = QL.plan(text, NOW);
      assertThat(QL.plan(plan.explain(), NOW).explain()).as(as).isEqualTo(plan.explain());
      List<Event> events = random.events(60);
      QueryResult inMemory = new MemoryQueryRunner(REGISTRY).run(plan, events);
      QueryResult fromStore =
          new StoreQueryRunner(REGISTRY, QueryOptions.DEFAULTS)
              .run(plan, new ListEventStore(REGISTRY, events));
      assertThat(fromStore).as(as).isEqualTo(inMemory);
    } catch (RuntimeException e) {
      throw new AssertionError(as, e);
    }
  }

  /** Up to 40 characters of {@link #ALPHABET}, or now and then any UTF-16 unit at all. */
  private static String arbitraryString(SplittableRandom random) {
    int length = random.nextInt(41);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(
          random.nextInt(8) == 0
              ? (char) random.nextInt(Character.MAX_VALUE + 1)
              : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  /** Up to 25 {@link #TOKENS} joined by spaces. */
  private static String tokenSoup(SplittableRandom random) {
    int length = random.nextInt(26);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(TOKENS.get(random.nextInt(TOKENS.size())));
    }
    return out.toString();
  }

  private static void checkOnlySyntaxErrors(long seed, String text) {
    String as = "seed " + seed + ": " + text;
    try {
      QueryPlan plan = QL.plan(text, NOW);
      assertThat(plan.schemas()).as(as).isNotEmpty();
    } catch (QuerySyntaxException e) {
      QueryError error = e.error();
      assertThat(error.offset()).as(as).isBetween(0, text.length());
      assertThat(error.line()).as(as).isPositive();
      assertThat(error.column()).as(as).isPositive();
      assertThat(error.message()).as(as).isNotBlank();
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(as, e);
    }
  }
}
