package io.mailsec.core.ql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SortKey;
import io.mailsec.core.store.StoreFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the execution corpus with {@link MemoryQueryRunner} and checks it against the hand-written
 * expectations, then checks that {@link StoreQueryRunner} gives the same result through the store
 * calls its plan chooses.
 */
class QueryExecutionTest {
  static final Instant NOW = QueryCorpusTest.NOW;
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();

  private final QueryLanguage ql = QueryLanguage.standard();
  private final MemoryQueryRunner memory = new MemoryQueryRunner(REGISTRY);
  private final StoreQueryRunner storeRunner =
      new StoreQueryRunner(REGISTRY, QueryOptions.DEFAULTS);

  static List<Event> fixtures() {
    List<Event> all = new ArrayList<>(StoreFixtures.emails());
    all.addAll(StoreFixtures.https());
    all.add(StoreFixtures.a1());
    return all;
  }

  /** A result in the corpus notation. */
  static List<String> render(QueryResult result) {
    List<String> lines = new ArrayList<>();
    if (result instanceof QueryResult.Events events) {
      lines.add(
          "ids: " + events.events().stream().map(Event::id).collect(Collectors.joining(", ")));
      if (!events.fields().isEmpty()) {
        lines.add("fields: " + String.join(", ", events.fields()));
      }
    } else {
      QueryResult.Table table = (QueryResult.Table) result;
      lines.add(
          "columns: "
              + table.columns().stream()
                  .map(QueryResult.Column::name)
                  .collect(Collectors.joining(", ")));
      for (List<Object> row : table.rows()) {
        lines.add("row: " + row.stream().map(String::valueOf).collect(Collectors.joining(", ")));
      }
    }
    return lines.stream().map(String::stripTrailing).toList();
  }

  static List<String> expected(QueryCorpus.Case c) {
    List<String> lines = new ArrayList<>();
    for (String key : List.of("ids", "fields", "columns", "row")) {
      c.all(key).forEach(v -> lines.add((key + ": " + v).stripTrailing()));
    }
    return lines;
  }

  @Test
  void memoryResultsMatchTheCorpusAndTheStoreRunnerAgrees() {
    List<QueryCorpus.Case> cases = QueryCorpus.read("/ql/execution.txt");
    assertThat(cases).hasSizeGreaterThan(30);
    for (QueryCorpus.Case c : cases) {
      QueryPlan plan = ql.plan(c.query(), NOW);
      QueryResult inMemory = memory.run(plan, fixtures());
      assertThat(render(inMemory)).as(c.toString()).isEqualTo(expected(c));
      QueryResult fromStore = storeRunner.run(plan, new ListEventStore(REGISTRY, fixtures()));
      assertThat(fromStore).as(c.toString()).isEqualTo(inMemory);
    }
  }

  @Test
  void plansPushSortsHeadsCountsAndHistogramsIntoTheStore() {
    assertCalls("FROM email", "search [event_time desc] 10000");
    assertCalls("FROM email | sort message_size | head 5", "search [message_size asc] 5");
    assertCalls(
        "FROM email | sort status | sort message_size desc | head 5 | sort status",
        "search [message_size desc] 5");
    assertCalls("FROM email | fields status | head 2", "search [event_time desc] 2");
    assertCalls("FROM email | aggregate count", "count");
    // A head that takes the aggregate's first rows in row order bounds the groups returned.
    assertCalls("FROM email | aggregate count by status | head 1", "countBy [status] 1");
    assertCalls(
        "FROM email | aggregate count by status | sort count desc | head 2", "countBy [status] 2");
    assertCalls(
        "FROM email | aggregate count by status | sort status | head 2", "countBy [status] 10000");
    assertCalls("FROM email | aggregate count by status | head 10000", "countBy [status] 10000");
    assertCalls(
        "FROM email | aggregate count by bin(event_time, 1h)", "histogram " + Duration.ofHours(1));
    assertCalls(
        "FROM email | aggregate count by bin(event_time, 1h), status | head 3",
        "histogramBy " + Duration.ofHours(1) + " status 3");
    // Everything else loads the matching events, newest first.
    assertCalls("FROM email | tail 2", "search [event_time desc] 10000");
    assertCalls(
        "FROM email | aggregate count, sum(message_size)", "search [event_time desc] 10000");
    assertCalls(
        "FROM email | aggregate count by status, bin(event_time, 1h)",
        "search [event_time desc] 10000");
    assertThat(ql.plan("FROM email | tail 2", NOW).storeStep()).isEqualTo(new QueryPlan.ScanAll());
    assertThat(ql.plan("FROM email | head 3 | aggregate count by status", NOW).storeStep())
        .isEqualTo(new QueryPlan.SearchRows(List.of(SearchRequest.DEFAULT_SORT), 3, true));
    assertThat(ql.plan("FROM email | sort message_size desc", NOW).storeStep())
        .isEqualTo(
            new QueryPlan.SearchRows(
                List.of(SortKey.desc("message_size")), QueryResult.MAX_ROWS, false));
  }

  @Test
  void aStoreWithoutSplitHistogramsIsScannedInstead() {
    Map<String, String> firstCall =
        Map.of(
            "FROM email | aggregate count by bin(event_time, 2h), direction",
            "histogramBy " + Duration.ofHours(2) + " direction 10000",
            "FROM email | aggregate count by bin(event_time, 1h), to_email_address"
                + " | sort count desc | head 2",
            "histogramBy " + Duration.ofHours(1) + " to_email_address 10000");
    firstCall.forEach(
        (query, call) -> {
          ListEventStore store = new ListEventStore(REGISTRY, fixtures()).withoutHistogramBy();
          QueryPlan plan = ql.plan(query, NOW);
          QueryResult result = storeRunner.run(plan, store);
          assertThat(store.calls).as(query).containsExactly(call, "search [event_time desc] 10000");
          assertThat(result).as(query).isEqualTo(memory.run(plan, fixtures()));
        });
  }

  private void assertCalls(String query, String... calls) {
    ListEventStore store = new ListEventStore(REGISTRY, fixtures());
    QueryPlan plan = ql.plan(query, NOW);
    QueryResult result = storeRunner.run(plan, store);
    assertThat(store.calls).as(query).containsExactly(calls);
    assertThat(result).as(query).isEqualTo(memory.run(plan, fixtures()));
  }

  @Test
  void largeResultsAreCutToTheRowLimitTheSameWayByBothRunners() {
    List<Event> many = new ArrayList<>();
    for (int i = 0; i < QueryResult.MAX_ROWS + 50; i++) {
      many.add(
          StoreFixtures.event(
                  "email",
                  String.format("m%05d", i),
                  NOW.minusSeconds(1 + i % 3600),
                  StoreFixtures.SIEM)
              .put("message_size", (long) i)
              .build());
    }
    ListEventStore store = new ListEventStore(REGISTRY, many);
    for (String query :
        List.of(
            "FROM email",
            "FROM email | sort message_size desc",
            "FROM email | aggregate count by id",
            "FROM email | aggregate count by message_size | sort message_size | tail 2",
            "FROM email | aggregate max(message_size) by id",
            "FROM email | aggregate count by bin(event_time, 1s), message_size")) {
      QueryPlan plan = ql.plan(query, NOW);
      QueryResult inMemory = memory.run(plan, many);
      assertThat(storeRunner.run(plan, store)).as(query).isEqualTo(inMemory);
      if (inMemory instanceof QueryResult.Events events) {
        assertThat(events.truncated()).isTrue();
        assertThat(events.events()).hasSize(QueryResult.MAX_ROWS);
        assertThat(events.matched()).isEqualTo(QueryResult.MAX_ROWS + 50);
      } else {
        QueryResult.Table table = (QueryResult.Table) inMemory;
        assertThat(table.truncated()).as(query).isTrue();
      }
    }
    // Taking the first rows of an aggregate in its row order is exact however many groups there
    // are: not truncated, in memory and from the store.
    for (String query :
        List.of(
            "FROM email | aggregate count by id | sort count desc | head 5",
            "FROM email | aggregate count by id | head 9999",
            "FROM email | aggregate count by bin(event_time, 1s), message_size | head 3")) {
      QueryPlan plan = ql.plan(query, NOW);
      QueryResult.Table inMemory = (QueryResult.Table) memory.run(plan, many);
      assertThat(storeRunner.run(plan, store)).as(query).isEqualTo(inMemory);
      assertThat(inMemory.truncated()).as(query).isFalse();
    }
    QueryResult.Table all =
        (QueryResult.Table) memory.run(ql.plan("FROM email | aggregate count by id", NOW), many);
    QueryResult.Table firstFive =
        (QueryResult.Table)
            memory.run(
                ql.plan("FROM email | aggregate count by id | sort count desc | head 5", NOW),
                many);
    assertThat(firstFive.rows()).isEqualTo(all.rows().subList(0, 5));
    assertThat(
            ((QueryResult.Table)
                    memory.run(
                        ql.plan("FROM email | aggregate count by id | head 10000", NOW), many))
                .truncated())
        .isTrue();
    QueryPlan headOfAll = ql.plan("FROM email | head 10000", NOW);
    QueryResult.Events head = (QueryResult.Events) memory.run(headOfAll, many);
    assertThat(head.truncated()).isFalse();
    assertThat(head.events()).hasSize(QueryResult.MAX_ROWS);
    assertThat(storeRunner.run(headOfAll, store)).isEqualTo(head);
    QueryResult.Table top =
        (QueryResult.Table) memory.run(ql.plan("FROM email | aggregate count by id", NOW), many);
    assertThat(top.rows()).hasSize(Aggregator.MAX_GROUPS);
    assertThat(top.rows().get(0)).containsExactly("m00000", 1L);
  }

  @Test
  void storeScansAreBoundedByTheOptions() {
    StoreQueryRunner small =
        new StoreQueryRunner(REGISTRY, QueryOptions.DEFAULTS.withMaxScannedEvents(3));
    QueryPlan needsAll = ql.plan("FROM email | tail 1", NOW);
    assertThatThrownBy(() -> small.run(needsAll, new ListEventStore(REGISTRY, fixtures())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 matching events");
    QueryPlan pushedDown = ql.plan("FROM email | head 1", NOW);
    assertThat(render(small.run(pushedDown, new ListEventStore(REGISTRY, fixtures()))))
        .containsExactly("ids: e4");
  }

  @Test
  void streamingMatchIgnoresTheTimeWindowButNotSchemasOrCondition() {
    QueryPlan plan = ql.plan("FROM email WHERE status = 'HELD'", NOW);
    Event oldHeld =
        StoreFixtures.event(
                "email", "old", Instant.parse("2020-01-01T00:00:00Z"), StoreFixtures.SIEM)
            .put("status", "held")
            .build();
    assertThat(memory.matches(plan, oldHeld)).isFalse();
    assertThat(memory.matchesIgnoringTime(plan, oldHeld)).isTrue();
    assertThat(memory.matchesIgnoringTime(plan, StoreFixtures.e1())).isFalse();
    assertThat(memory.matchesIgnoringTime(plan, StoreFixtures.h1())).isFalse();
    assertThat(memory.matches(plan, StoreFixtures.e2())).isTrue();
  }

  @Test
  void theDefaultWindowIsConfigurable() {
    QueryLanguage week =
        new QueryLanguage(REGISTRY, QueryOptions.DEFAULTS.withDefaultWindow(Duration.ofDays(7)));
    QueryPlan plan = week.plan("WHERE sensor_type = 'mimecast'", NOW);
    assertThat(plan.from()).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(plan.to()).isEqualTo(NOW);
    assertThat(render(memory.run(plan, fixtures())))
        .containsExactly("ids: e4, e3, h2, e2, h1, e1, a1");
    // Without EARLIEST the window ends at LATEST.
    QueryPlan before = ql.plan("FROM email LATEST=-2h", NOW);
    assertThat(before.to()).isEqualTo(NOW.minus(Duration.ofHours(2)));
    assertThat(before.from()).isEqualTo(before.to().minus(Duration.ofHours(24)));
    QueryLanguage strict =
        new QueryLanguage(REGISTRY, QueryOptions.DEFAULTS.withMaxWindow(Duration.ofDays(2)));
    assertThat(strict.plan("FROM email EARLIEST=-2d", NOW).from())
        .isEqualTo(NOW.minus(Duration.ofDays(2)));
    assertThatThrownBy(() -> strict.plan("FROM email EARLIEST=-49h", NOW))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining("longer than the allowed 2d");
  }

  @Test
  void resultsListEveryRowInTheirRecords() {
    QueryResult result = memory.run(ql.plan("FROM email | fields subject", NOW), fixtures());
    assertThat(result).isInstanceOf(QueryResult.Events.class);
    QueryResult.Events events = (QueryResult.Events) result;
    assertThat(events.matched()).isEqualTo(4);
    assertThat(events.truncated()).isFalse();
    assertThat(events.events().stream().map(Event::id).filter(Objects::nonNull)).hasSize(4);
  }
}
