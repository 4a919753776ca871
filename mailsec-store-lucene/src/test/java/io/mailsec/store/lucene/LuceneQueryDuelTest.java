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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
