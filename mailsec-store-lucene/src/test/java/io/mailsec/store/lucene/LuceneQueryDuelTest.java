package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.ql.MemoryQueryRunner;
import io.mailsec.core.ql.QueryCorpus;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QueryOptions;
import io.mailsec.core.ql.QueryPlan;
import io.mailsec.core.ql.QueryResult;
import io.mailsec.core.ql.RandomQueries;
import io.mailsec.core.ql.StoreQueryRunner;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StoreFixtures;
import io.mailsec.core.store.StreamId;
import io.mailsec.core.store.TermsBucket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lucene store against the in-memory reference: every query, run by {@link StoreQueryRunner} on
 * a real {@link LuceneEventStore}, must give exactly the result of {@link MemoryQueryRunner} over
 * the same events. Covers the execution corpus, seeded random queries, and string operators on
 * values longer than the indexed keyword prefix.
 */
class LuceneQueryDuelTest {
  private static final Instant NOW = RandomQueries.NOW;
  private static final long FIRST_SEED = 0x5eed_1001L;
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();

  private final QueryLanguage ql = QueryLanguage.standard();
  private final MemoryQueryRunner memory = new MemoryQueryRunner(REGISTRY);
  private final StoreQueryRunner storeRunner =
      new StoreQueryRunner(REGISTRY, QueryOptions.DEFAULTS);

  @TempDir Path directory;

  private LuceneEventStore open(Path dir) {
    return LuceneEventStore.open(LuceneStoreConfig.defaults(dir).withRamBufferMb(16));
  }

  private static void commit(LuceneEventStore store, StreamId stream, List<Event> events) {
    store.commit(StoreBatch.of(stream, events, Checkpoint.of("position", "1")));
  }

  @Test
  void everyCorpusQueryGivesTheInMemoryResult() {
    List<Event> all = new ArrayList<>(StoreFixtures.emails());
    all.addAll(StoreFixtures.https());
    all.add(StoreFixtures.a1());
    List<QueryCorpus.Case> cases = QueryCorpus.read("/ql/execution.txt");
    assertThat(cases).hasSizeGreaterThan(30);
    try (LuceneEventStore store = open(directory)) {
      commit(store, StoreFixtures.SIEM, StoreFixtures.emails());
      commit(store, StoreFixtures.TTP_URL, StoreFixtures.https());
      commit(store, StoreFixtures.AUDIT, List.of(StoreFixtures.a1()));
      for (QueryCorpus.Case c : cases) {
        QueryPlan plan = ql.plan(c.query(), NOW);
        assertThat(storeRunner.run(plan, store)).as(c.toString()).isEqualTo(memory.run(plan, all));
      }
    }
  }

  @Test
  void randomQueriesGiveTheInMemoryResult() {
    for (long seed = FIRST_SEED; seed < FIRST_SEED + 12; seed++) {
      RandomQueries random = new RandomQueries(new SplittableRandom(seed));
      List<Event> events = random.events(80);
      try (LuceneEventStore store = open(directory.resolve("s" + seed))) {
        commit(store, StoreFixtures.SIEM, events);
        for (int i = 0; i < 40; i++) {
          String text = random.query();
          String as = "seed " + seed + ", query " + i + ": " + text;
          QueryPlan plan = ql.plan(text, NOW);
          QueryResult expected = memory.run(plan, events);
          assertThat(storeRunner.run(plan, store)).as(as).isEqualTo(expected);
        }
      }
    }
  }

  /** The aggregate shapes of the dashboards and their relatives, over many values. */
  private static final List<String> MANY_VALUE_QUERIES =
      List.of(
          "FROM email EARLIEST=-30h | aggregate count by envelope_from | sort count desc | head 7",
          "FROM email EARLIEST=-6h | aggregate count by envelope_from | sort count desc | head 3",
          "FROM email WHERE status = 'held' EARLIEST=-30h | aggregate count by envelope_from",
          "FROM email EARLIEST=-30h | aggregate count by to_email_address | sort count desc"
              + " | head 5",
          "FROM email EARLIEST=-30h | aggregate count by sender_ip",
          "FROM email EARLIEST=-30h | aggregate count by delivered",
          "FROM email EARLIEST=-30h | aggregate count by envelope_from, to_email_address"
              + " | sort count desc | head 20",
          "FROM email EARLIEST=-30h | aggregate count by envelope_from, to_email_address,"
              + " sender_ip, status",
          "FROM email EARLIEST=-30h | aggregate count by message_size, status",
          "FROM email EARLIEST=-24h | aggregate count by bin(event_time, 1h), status",
          "FROM email EARLIEST=-30h | aggregate count by bin(event_time, 10m), envelope_from",
          "FROM email EARLIEST=-30h | aggregate count by bin(event_time, 1s), direction",
          "FROM email EARLIEST=-30h | aggregate count by bin(event_time, 1h), sender_ip"
              + " | sort count desc | head 10",
          "FROM email WHERE status = 'held' EARLIEST=-12h"
              + " | aggregate count by bin(event_time, 2h), to_email_address",
          "FROM email EARLIEST=-30h | aggregate count by bin(event_time, 6h), message_size",
          "FROM email EARLIEST=-30h | aggregate count by bin(event_time, 1d), delivered");

  /** Fields with many values, some much more frequent than others; several commits. */
  @Test
  void manySegmentsAndManyValuesGiveTheInMemoryResult() {
    for (long seed = FIRST_SEED; seed < FIRST_SEED + 3; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      List<Event> events = manyValues(random, 1500);
      try (LuceneEventStore store = open(directory.resolve("m" + seed))) {
        for (int from = 0; from < events.size(); ) {
          int to = Math.min(events.size(), from + 1 + random.nextInt(300));
          commit(store, StoreFixtures.SIEM, events.subList(from, to));
          from = to;
        }
        for (String query : MANY_VALUE_QUERIES) {
          QueryPlan plan = ql.plan(query, NOW);
          assertThat(storeRunner.run(plan, store))
              .as("seed " + seed + ": " + query)
              .isEqualTo(memory.run(plan, events));
        }
        // The store's own limits, which the query runner always asks at their largest.
        for (String field : List.of("envelope_from", "to_email_address", "sender_ip", "status")) {
          QueryPlan terms = ql.plan("FROM email EARLIEST=-30h | aggregate count by " + field, NOW);
          QueryPlan split =
              ql.plan(
                  "FROM email EARLIEST=-30h | aggregate count by bin(event_time, 3h), " + field,
                  NOW);
          List<List<Object>> termRows = ((QueryResult.Table) memory.run(terms, events)).rows();
          List<List<Object>> splitRows = ((QueryResult.Table) memory.run(split, events)).rows();
          for (int limit : new int[] {1, 2, 3, 10, 57}) {
            String as = "seed " + seed + ", " + field + ", limit " + limit;
            assertThat(store.countBy(terms.eventQuery(), List.of(field), limit))
                .as(as)
                .isEqualTo(buckets(termRows, 1, limit));
            assertThat(store.histogramBy(terms.eventQuery(), Duration.ofHours(3), field, limit))
                .as(as)
                .isEqualTo(buckets(splitRows, 2, limit));
          }
        }
      }
    }
  }

  private static List<TermsBucket> buckets(List<List<Object>> rows, int keys, int limit) {
    return rows.subList(0, Math.min(limit, rows.size())).stream()
        .map(r -> new TermsBucket(r.subList(0, keys), (Long) r.get(keys)))
        .toList();
  }

  private static List<Event> manyValues(SplittableRandom random, int n) {
    String[] ips = {"::1", "9.0.0.1", "10.0.0.1", "100.0.0.2", "2001:db8::1", "::ffff:10.0.0.1"};
    String[] statuses = {"delivered", "held", "Held", "rejected", "bounced"};
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant time = NOW.minusSeconds(random.nextInt(30 * 3600));
      // Squaring skews the pick: low numbers are frequent, most others rare.
      double skew = random.nextDouble();
      int sender = (int) (400 * skew * skew);
      Event.Builder b =
          StoreFixtures.event(
                  "email", String.format(Locale.ROOT, "m%04d", i), time, StoreFixtures.SIEM)
              .put("envelope_from", (sender % 3 == 0 ? "S" : "s") + sender + "@d" + sender % 7)
              .put("status", statuses[random.nextInt(statuses.length)])
              .put("direction", random.nextBoolean() ? "inbound" : "outbound")
              .put("message_size", (long) random.nextInt(40));
      for (int r = random.nextInt(4); r > 0; r--) {
        b.add("to_email_address", "u" + random.nextInt(150) + "@corp.test");
      }
      if (random.nextInt(5) > 0) {
        b.put("sender_ip", ips[random.nextInt(ips.length)]);
      }
      if (random.nextBoolean()) {
        b.put("delivered", random.nextBoolean());
      }
      out.add(b.build());
    }
    return out;
  }

  @Test
  void stringOperatorsSeeKeywordValuesBeyondTheIndexedPrefix() {
    int max = EventDocuments.MAX_KEYWORD_CHARS;
    String head = "x".repeat(max + 100);
    List<Event> events =
        List.of(
            email("long-end", "status", head + "Tail-END"),
            email("long-other", "status", head + "other"),
            email("cut-pair", "status", "y".repeat(max - 1) + "\uD83D\uDE00" + "smile"),
            email("short", "status", "end"),
            email("exact", "status", "z".repeat(max - 1)),
            email("mail", "to_email_address", "a".repeat(max) + "@corp.test"));
    List<String> queries =
        List.of(
            "FROM email WHERE status ENDSWITH 'end'",
            "FROM email WHERE status ENDSWITH 'tail-end'",
            "FROM email WHERE status !ENDSWITH 'other'",
            "FROM email WHERE status CONTAINS 'xtail'",
            "FROM email WHERE status CONTAINS 'X'",
            "FROM email WHERE status CONTAINS '\uD83D\uDE00smile'",
            "FROM email WHERE status STARTSWITH 'XXX'",
            "FROM email WHERE status STARTSWITH '" + head + "t'",
            "FROM email WHERE status STARTSWITH '" + "y".repeat(max - 1) + "\uD83D\uDE00s'",
            "FROM email WHERE status ENDSWITH '" + "z".repeat(max - 1) + "'",
            "FROM email WHERE status CONTAINS '" + "x".repeat(300) + "TAIL'",
            "FROM email WHERE status ENDSWITH '" + "x".repeat(300) + "other'",
            "FROM email WHERE status STARTSWITH '" + "y".repeat(300) + "'",
            "FROM email WHERE status MATCHES_REGEX 'end$'",
            "FROM email WHERE status MATCHES_REGEX '(?-i)END$'",
            "FROM email WHERE status MATCHES_REGEX '^z+$'",
            "FROM email WHERE to_email_address ENDSWITH '@CORP.test'",
            "FROM email WHERE to_email_address MATCHES '@corp\\.test$'",
            "FROM email WHERE @email ENDSWITH 'corp.test'");
    try (LuceneEventStore store = open(directory)) {
      commit(store, StoreFixtures.SIEM, events);
      for (String query : queries) {
        QueryPlan plan = ql.plan(query, NOW);
        QueryResult expected = memory.run(plan, events);
        assertThat(storeRunner.run(plan, store)).as(query).isEqualTo(expected);
      }
      // The duel is not vacuous: the verified matches are there.
      QueryResult.Events ends =
          (QueryResult.Events)
              storeRunner.run(ql.plan("FROM email WHERE status ENDSWITH 'end'", NOW), store);
      assertThat(ends.events())
          .extracting(Event::id)
          .containsExactlyInAnyOrder("long-end", "short");
    }
  }

  @Test
  void aCatastrophicRegularExpressionFailsTheSearchInsteadOfHanging() {
    List<Event> events = List.of(email("slow", "status", "a".repeat(5_000) + "!"));
    try (LuceneEventStore store = open(directory)) {
      commit(store, StoreFixtures.SIEM, events);
      QueryPlan plan = ql.plan("FROM email WHERE status MATCHES '^(a|aa)+$'", NOW);
      assertThatThrownBy(() -> storeRunner.run(plan, store))
          .satisfies(
              e -> {
                Throwable root = e;
                while (root.getCause() != null) {
                  root = root.getCause();
                }
                assertThat(root)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("too expensive");
              });
    }
  }

  private static Event email(String id, String field, String value) {
    Event.Builder event =
        StoreFixtures.event("email", id, NOW.minusSeconds(3600), StoreFixtures.SIEM);
    return (field.equals("to_email_address") ? event.add(field, value) : event.put(field, value))
        .build();
  }
}
