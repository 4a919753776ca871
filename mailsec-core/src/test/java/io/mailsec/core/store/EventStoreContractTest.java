package io.mailsec.core.store;

import static io.mailsec.core.query.Predicates.and;
import static io.mailsec.core.query.Predicates.contains;
import static io.mailsec.core.query.Predicates.eq;
import static io.mailsec.core.query.Predicates.ge;
import static io.mailsec.core.query.Predicates.gt;
import static io.mailsec.core.query.Predicates.in;
import static io.mailsec.core.query.Predicates.isNotNull;
import static io.mailsec.core.query.Predicates.isNull;
import static io.mailsec.core.query.Predicates.le;
import static io.mailsec.core.query.Predicates.lt;
import static io.mailsec.core.query.Predicates.ne;
import static io.mailsec.core.query.Predicates.not;
import static io.mailsec.core.query.Predicates.or;
import static io.mailsec.core.store.StoreFixtures.AUDIT;
import static io.mailsec.core.store.StoreFixtures.SIEM;
import static io.mailsec.core.store.StoreFixtures.T0;
import static io.mailsec.core.store.StoreFixtures.TTP_URL;
import static io.mailsec.core.store.StoreFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.query.PredicateEvaluator;
import io.mailsec.core.schema.SchemaRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link EventStore} must have. An implementation's test extends this class and
 * only says how to open its store on a directory; passing this suite should be enough for the rest
 * of mailsec to work with it.
 *
 * <p>Expected results are either read off {@link StoreFixtures} by hand or computed by {@link
 * PredicateEvaluator}, the reference semantics of predicates.
 */
public abstract class EventStoreContractTest {
  protected static final SchemaRegistry REGISTRY = SchemaRegistry.standard();

  @TempDir protected Path directory;
  protected EventStore store;

  /**
   * Opens the store kept in {@code directory}: a new, empty store the first time, the same data
   * when called again after {@link EventStore#close()}.
   */
  protected abstract EventStore openStore(Path directory);

  @BeforeEach
  void openFreshStore() {
    store = openStore(directory);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected EventStore reopen() {
    store.close();
    store = openStore(directory);
    return store;
  }

  // ---------------------------------------------------------------- helpers

  protected void commit(StreamId stream, List<Event> events, String position) {
    store.commit(StoreBatch.of(stream, events, Checkpoint.of("position", position)));
  }

  protected void commitFixtures() {
    commit(SIEM, StoreFixtures.emails(), "siem-1");
    commit(TTP_URL, StoreFixtures.https(), "url-1");
    commit(AUDIT, List.of(StoreFixtures.a1()), "audit-1");
  }

  /** Ids of every event matching, in search order, walking all pages. */
  protected List<String> ids(SearchRequest request) {
    List<String> out = new ArrayList<>();
    SearchRequest page = request;
    while (true) {
      SearchResult result = store.search(page);
      result.events().forEach(e -> out.add(e.id()));
      if (result.nextCursor() == null) {
        return out;
      }
      page = page.after(result.nextCursor());
    }
  }

  protected Set<String> ids(Predicate predicate) {
    return new HashSet<>(ids(SearchRequest.of(EventQuery.where(predicate)).withLimit(1000)));
  }

  // ---------------------------------------------------------------- storing and reading back

  @Test
  void fixturesAreValidEvents() {
    List<Event> all = new ArrayList<>(StoreFixtures.emails());
    all.addAll(StoreFixtures.https());
    all.add(StoreFixtures.a1());
    for (Event e : all) {
      assertThat(REGISTRY.validate(e)).as(e.id()).isEmpty();
    }
  }

  @Test
  void searchReturnsStoredEventsUnchanged() {
    commitFixtures();
    SearchResult result = store.search(SearchRequest.of(EventQuery.where(eq("id", "e1"))));
    assertThat(result.events()).containsExactly(StoreFixtures.e1());
    assertThat(result.totalHits()).isEqualTo(1);
    assertThat(result.nextCursor()).isNull();
    assertThat(store.count(EventQuery.all())).isEqualTo(7);
  }

  @Test
  void anEmptyStoreHasNothing() {
    assertThat(store.search(SearchRequest.of(EventQuery.all())).events()).isEmpty();
    assertThat(store.count(EventQuery.all())).isZero();
    assertThat(store.checkpoint(SIEM)).isEmpty();
    assertThat(store.streamStats()).isEmpty();
    assertThat(store.countBy(EventQuery.all(), List.of("status"), 10)).isEmpty();
    assertThat(store.histogram(EventQuery.all(), Duration.ofHours(1))).isEmpty();
  }

  @Test
  void aRedeliveredEventReplacesTheStoredOne() {
    commit(SIEM, List.of(StoreFixtures.e1(), StoreFixtures.e2()), "1");
    Event changed =
        StoreFixtures.event("email", "e1", hours(5), SIEM).put("status", "bounced").build();
    commit(SIEM, List.of(changed, StoreFixtures.e2()), "2");

    assertThat(store.count(EventQuery.all())).isEqualTo(2);
    assertThat(store.search(SearchRequest.of(EventQuery.where(eq("id", "e1")))).events())
        .containsExactly(changed);
    assertThat(ids(eq("status", "delivered"))).isEmpty();
  }

  @Test
  void withinOneBatchTheLastEventWithAnIdWins() {
    Event first = StoreFixtures.event("email", "dup", T0, SIEM).put("status", "held").build();
    Event second = StoreFixtures.event("email", "dup", T0, SIEM).put("status", "delivered").build();
    commit(SIEM, List.of(first, second), "1");
    assertThat(store.search(SearchRequest.of(EventQuery.all())).events()).containsExactly(second);
  }

  @Test
  void aBatchWithAnEventOfAnUnknownSchemaIsRejectedWhole() {
    Event stranger = Event.builder("netflow").put("id", "n1").put("event_time", T0).build();
    assertThatThrownBy(() -> commit(SIEM, List.of(StoreFixtures.e1(), stranger), "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("netflow");
    assertThat(store.count(EventQuery.all())).isZero();
    assertThat(store.checkpoint(SIEM)).isEmpty();
  }

  @Test
  void fieldsOutsideTheSchemaAreKeptButNotSearchable() {
    Event extra = StoreFixtures.event("email", "x1", T0, SIEM).put("vendor_note", "kept").build();
    commit(SIEM, List.of(extra), "1");
    assertThat(store.search(SearchRequest.of(EventQuery.all())).events()).containsExactly(extra);
    assertThatThrownBy(() -> store.count(EventQuery.where(eq("vendor_note", "kept"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eventIdsAreExactForUpsertsButQueriesIgnoreCase() {
    Event lower = StoreFixtures.event("email", "abc", T0, SIEM).build();
    Event upper = StoreFixtures.event("email", "ABC", hours(1), SIEM).build();
    commit(SIEM, List.of(lower, upper), "1");
    assertThat(store.count(EventQuery.all())).isEqualTo(2);
    assertThat(ids(eq("id", "abc"))).containsExactlyInAnyOrder("abc", "ABC");
  }

  @Test
  void checkpointsArePerStreamAndReplacedByEachCommit() {
    assertThat(store.checkpoint(SIEM)).isEmpty();
    store.commit(StoreBatch.of(SIEM, List.of(), Checkpoint.of("nextPage", "p1", "window", "w")));
    commit(TTP_URL, List.of(), "u1");
    assertThat(store.checkpoint(SIEM)).contains(Checkpoint.of("nextPage", "p1", "window", "w"));
    commit(SIEM, List.of(StoreFixtures.e1()), "p2");
    assertThat(store.checkpoint(SIEM)).contains(Checkpoint.of("position", "p2"));
    assertThat(store.checkpoint(TTP_URL)).contains(Checkpoint.of("position", "u1"));
    assertThat(store.checkpoint(new StreamId("other", "siem"))).isEmpty();
  }

  @Test
  void everythingCommittedSurvivesReopening() {
    commitFixtures();
    QuarantinedRecord bad = StoreFixtures.quarantined(SIEM, "{broken", hours(1));
    Gap gap = Gap.file(SIEM, "batch-7.gz", "HTTP 404", hours(1));
    store.commit(
        new StoreBatch(
            SIEM, List.of(), List.of(bad), List.of(gap), Checkpoint.of("position", "siem-2")));

    reopen();

    assertThat(store.count(EventQuery.all())).isEqualTo(7);
    assertThat(store.search(SearchRequest.of(EventQuery.where(eq("id", "h1")))).events())
        .containsExactly(StoreFixtures.h1());
    assertThat(store.checkpoint(SIEM)).contains(Checkpoint.of("position", "siem-2"));
    assertThat(store.checkpoint(AUDIT)).contains(Checkpoint.of("position", "audit-1"));
    assertThat(store.quarantined(LedgerQuery.all(10))).containsExactly(bad);
    assertThat(store.gaps(LedgerQuery.all(10))).containsExactly(gap);
  }

  @Test
  void aClosedStoreRefusesWork() {
    store.close();
    assertThatThrownBy(() -> store.count(EventQuery.all()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> commit(SIEM, List.of(), "1"))
        .isInstanceOf(IllegalStateException.class);
    store.close(); // idempotent
    store = null;
  }

  @Test
  void aCommittedBatchIsVisibleWithoutFurtherAction() throws InterruptedException {
    commit(SIEM, List.of(StoreFixtures.e1()), "1");
    // The contract allows up to 2 s; poll generously so that a slow machine does not fail this.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (store.count(EventQuery.all()) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(store.count(EventQuery.all())).isEqualTo(1);
  }

  // ---------------------------------------------------------------- filters per field type

  @Test
  void keywordEqualityIgnoresCase() {
    commitFixtures();
    assertThat(ids(eq("status", "DELIVERED"))).containsExactlyInAnyOrder("e1", "e3");
    assertThat(ids(eq("sensor_type", "Mimecast"))).hasSize(7);
    assertThat(ids(eq("ingest.integration_id", "MIMECAST2.0DEMO"))).hasSize(7);
    assertThat(ids(eq("from_email_address", "alice@example.com"))).containsExactly("e1");
  }

  @Test
  void notEqualNeedsTheFieldWhileNotAlsoMatchesEventsWithoutIt() {
    commitFixtures();
    assertThat(ids(ne("status", "delivered"))).containsExactlyInAnyOrder("e2", "e4");
    assertThat(ids(not(eq("status", "delivered"))))
        .containsExactlyInAnyOrder("e2", "e4", "h1", "h2", "a1");
  }

  @Test
  void keywordInAndRanges() {
    commitFixtures();
    assertThat(ids(in("status", "HELD", "rejected", "nothing")))
        .containsExactlyInAnyOrder("e2", "e4");
    assertThat(ids(lt("status", "held"))).containsExactlyInAnyOrder("e1", "e3");
    assertThat(ids(ge("status", "held"))).containsExactlyInAnyOrder("e2", "e4");
    assertThat(ids(gt("uri_host", "evil.example"))).containsExactly("h2");
  }

  @Test
  void arrayFieldsMatchWhenAnyElementMatches() {
    commitFixtures();
    assertThat(ids(eq("to_email_address", "carol@corp.test"))).containsExactly("e1");
    assertThat(ids(eq("to_email_address", "BOB@corp.test"))).containsExactlyInAnyOrder("e1", "e2");
    // != on an array: set and no element equal.
    assertThat(ids(ne("to_email_address", "bob@corp.test"))).containsExactly("e3");
  }

  @Test
  void nestedFieldsOfRepeatedObjects() {
    commitFixtures();
    assertThat(ids(eq("attachments.sha256", "BB22"))).containsExactly("e1");
    assertThat(ids(eq("attachments.name", "notes.docx"))).containsExactly("e3");
    assertThat(ids(isNotNull("attachments"))).containsExactlyInAnyOrder("e1", "e3");
  }

  @Test
  void textContainsIsACaseInsensitiveSubstringMatch() {
    commitFixtures();
    // Inside a token, across punctuation, and at token edges.
    assertThat(ids(contains("original_data", "VIRUS"))).containsExactlyInAnyOrder("e1", "e3");
    assertThat(ids(contains("original_data", "irus\":\"eicar-t"))).containsExactly("e1");
    assertThat(ids(contains("original_data", "\":\""))).containsExactlyInAnyOrder("e1", "e2", "h1");
    assertThat(ids(contains("original_data", "o wor"))).containsExactly("e4");
    assertThat(ids(contains("subject", "voice for"))).containsExactlyInAnyOrder("e1", "h1");
    // Tokens that exist but not in this order or not adjacent do not match.
    assertThat(ids(contains("original_data", "world hello"))).isEmpty();
    assertThat(ids(contains("original_data", "eicar virus"))).isEmpty();
    assertThat(ids(contains("original_data", "antivirus  scan"))).isEmpty();
    // An empty needle matches every event that has the field.
    assertThat(ids(contains("rejection_type", ""))).containsExactly("e4");
  }

  @Test
  void keywordAndIpContains() {
    commitFixtures();
    assertThat(ids(contains("from_email_address", "@EVIL"))).containsExactly("e2");
    assertThat(ids(contains("to_email_address", "corp.t"))).containsExactlyInAnyOrder("e1", "e2");
    assertThat(ids(contains("sender_ip", "192.168."))).containsExactly("e2");
    assertThat(ids(contains("url", "LOGIN?x"))).containsExactly("h1");
  }

  @Test
  void textEqualityComparesTheWholeValue() {
    commitFixtures();
    assertThat(ids(eq("subject", "hello world"))).containsExactly("e4");
    assertThat(ids(eq("subject", "hello"))).isEmpty();
    assertThat(ids(eq("subject", "invoice for march"))).containsExactlyInAnyOrder("e1", "h1");
    assertThat(ids(ne("subject", "invoice for march"))).containsExactlyInAnyOrder("e2", "e3", "e4");
  }

  @Test
  void longComparisons() {
    commitFixtures();
    assertThat(ids(gt("message_size", 250))).containsExactlyInAnyOrder("e1", "e3");
    assertThat(ids(ge("message_size", 250))).containsExactlyInAnyOrder("e1", "e2", "e3");
    assertThat(ids(lt("message_size", "1500"))).containsExactly("e2");
    assertThat(ids(le("message_size", 1500.5))).containsExactlyInAnyOrder("e1", "e2");
    assertThat(ids(eq("message_size", 1500.5))).isEmpty();
    assertThat(ids(eq("message_size", 1500.0))).containsExactly("e1");
    assertThat(ids(ne("message_size", 1500))).containsExactlyInAnyOrder("e2", "e3");
  }

  @Test
  void timestampComparisonsAcceptInstantsAndIsoText() {
    commitFixtures();
    assertThat(ids(ge("event_time", hours(2)))).containsExactlyInAnyOrder("e3", "e4");
    assertThat(ids(lt("event_time", "2024-03-01T10:00:00Z"))).containsExactly("a1");
    assertThat(ids(eq("event_time", "2024-03-01T12:00:00+02:00"))).containsExactly("e1");
    assertThat(ids(gt("ingest.time", hours(2)))).containsExactlyInAnyOrder("e3", "e4");
  }

  @Test
  void booleanComparisons() {
    commitFixtures();
    assertThat(ids(eq("delivered", true))).containsExactly("e1");
    assertThat(ids(eq("delivered", "FALSE"))).containsExactly("e2");
    assertThat(ids(ne("delivered", true))).containsExactly("e2");
  }

  @Test
  void ipFieldsAcceptAddressesAndCidrBlocks() {
    commitFixtures();
    assertThat(ids(eq("sender_ip", "10.1.2.3"))).containsExactly("e1");
    assertThat(ids(eq("sender_ip", "::ffff:10.1.2.3"))).containsExactly("e1");
    assertThat(ids(eq("sender_ip", "10.0.0.0/8"))).containsExactly("e1");
    assertThat(ids(eq("sender_ip", "2001:db8::/32"))).containsExactly("e3");
    assertThat(ids(in("sender_ip", "192.168.0.0/16", "2001:db8::5")))
        .containsExactlyInAnyOrder("e2", "e3");
    assertThat(ids(ne("sender_ip", "10.0.0.0/8"))).containsExactlyInAnyOrder("e2", "e3");
    assertThat(ids(gt("sender_ip", "10.1.2.3"))).containsExactlyInAnyOrder("e2", "e3");
    assertThat(ids(or(eq("source_address", "10.0.0.0/8"), eq("source_ip", "10.1.2.0/24"))))
        .containsExactlyInAnyOrder("h1", "a1");
  }

  @Test
  void isNullMeansAbsent() {
    commitFixtures();
    assertThat(ids(and(isNull("sender_ip"), eq("event_type", "receipt")))).containsExactly("e4");
    assertThat(ids(isNotNull("rejection_type"))).containsExactly("e4");
    assertThat(ids(isNull("original_data"))).isEmpty();
    assertThat(ids(isNull("tls"))).hasSize(6);
  }

  @Test
  void booleanLogic() {
    commitFixtures();
    assertThat(ids(and(eq("direction", "inbound"), eq("status", "held")))).containsExactly("e2");
    assertThat(ids(or(eq("status", "rejected"), eq("action", "block"))))
        .containsExactlyInAnyOrder("e4", "h1");
    assertThat(ids(not(or(eq("status", "held"), isNull("status")))))
        .containsExactlyInAnyOrder("e1", "e3", "e4");
  }

  @Test
  void schemasAndTimeRangeNarrowTheSearch() {
    commitFixtures();
    EventQuery http = EventQuery.all().withSchemas("http");
    assertThat(ids(SearchRequest.of(http))).containsExactlyInAnyOrder("h1", "h2");
    EventQuery window = EventQuery.all().between(T0, hours(2));
    assertThat(ids(SearchRequest.of(window))).containsExactlyInAnyOrder("e1", "e2", "h1", "h2");
    EventQuery both = EventQuery.all().withSchemas("http", "audit").between(hours(-48), hours(1));
    assertThat(store.count(both)).isEqualTo(2);
    assertThat(store.count(EventQuery.all().between(T0, T0))).isZero();
  }

  @Test
  void invalidQueriesAreRejected() {
    commitFixtures();
    assertThatThrownBy(() -> store.count(EventQuery.where(eq("no_such_field", "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no_such_field");
    assertThatThrownBy(() -> store.count(EventQuery.where(eq("message_size", "big"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message_size");
    assertThatThrownBy(() -> store.count(EventQuery.where(lt("subject", "x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.count(EventQuery.where(gt("sender_ip", "10.0.0.0/8"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.count(EventQuery.where(contains("message_size", "1"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.count(EventQuery.where(eq("attachments", "x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.count(EventQuery.all().withSchemas("nope")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storeResultsEqualTheReferenceEvaluatorOnRandomEventsAndPredicates() {
    RandomEvents random = new RandomEvents(20240301L);
    List<Event> events = random.events(300);
    for (int i = 0; i < events.size(); i += 100) {
      commit(SIEM, events.subList(i, i + 100), "r" + i);
    }
    PredicateEvaluator reference = new PredicateEvaluator(REGISTRY);
    int nonTrivial = 0;
    for (int i = 0; i < 300; i++) {
      Predicate predicate = random.predicate(3);
      Set<String> expected =
          events.stream()
              .filter(e -> reference.matches(predicate, e))
              .map(Event::id)
              .collect(Collectors.toSet());
      assertThat(ids(predicate)).as(predicate.toString()).isEqualTo(expected);
      assertThat(store.count(EventQuery.where(predicate)))
          .as(predicate.toString())
          .isEqualTo(expected.size());
      if (!expected.isEmpty() && expected.size() < events.size()) {
        nonTrivial++;
      }
    }
    // The generator must produce selective predicates, or this test proves little.
    assertThat(nonTrivial).isGreaterThan(150);
  }

  // ---------------------------------------------------------------- sorting and paging

  @Test
  void defaultOrderIsNewestFirst() {
    commitFixtures();
    assertThat(ids(SearchRequest.of(EventQuery.all())))
        .containsExactly("e4", "e3", "h2", "e2", "h1", "e1", "a1");
  }

  @Test
  void sortByFieldsWithMissingValuesLastAndIdAsTieBreaker() {
    commitFixtures();
    EventQuery emails = EventQuery.all().withSchemas("email");
    assertThat(ids(SearchRequest.of(emails).withSort(SortKey.asc("message_size"))))
        .containsExactly("e2", "e1", "e3", "e4");
    assertThat(ids(SearchRequest.of(emails).withSort(SortKey.desc("message_size"))))
        .containsExactly("e3", "e1", "e2", "e4");
    // Keyword values sort folded; equal values fall back to the id.
    assertThat(ids(SearchRequest.of(emails).withSort(SortKey.asc("status"))))
        .containsExactly("e1", "e3", "e2", "e4");
    assertThat(ids(SearchRequest.of(emails).withSort(SortKey.asc("sender_ip"))))
        .containsExactly("e1", "e2", "e3", "e4");
    // A repeated field sorts by its least value ascending and its greatest descending.
    assertThat(
            ids(
                SearchRequest.of(emails)
                    .withSort(SortKey.asc("to_email_address"), SortKey.desc("event_time"))))
        .containsExactly("e2", "e1", "e3", "e4");
    assertThat(ids(SearchRequest.of(emails).withSort(SortKey.desc("to_email_address"))))
        .containsExactly("e3", "e1", "e2", "e4");
  }

  @Test
  void sortingByTextOrUnknownFieldsIsRejected() {
    assertThatThrownBy(
            () -> store.search(SearchRequest.of(EventQuery.all()).withSort(SortKey.asc("subject"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> store.search(SearchRequest.of(EventQuery.all()).withSort(SortKey.asc("nope"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pagesCoverEveryMatchExactlyOnceInOrder() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 53; i++) {
      // Only 5 distinct times and sizes: many ties that only the id can break.
      events.add(
          StoreFixtures.event("email", "p" + (i * 7 % 53), hours(i % 5), SIEM)
              .put("message_size", (long) (i % 3))
              .build());
    }
    commit(SIEM, events, "1");
    for (SortKey sort :
        List.of(SortKey.desc("event_time"), SortKey.asc("message_size"), SortKey.asc("id"))) {
      SearchRequest whole = SearchRequest.of(EventQuery.all()).withSort(sort).withLimit(100);
      List<String> oneGo = store.search(whole).events().stream().map(Event::id).toList();
      List<String> paged = new ArrayList<>();
      SearchRequest page = whole.withLimit(10);
      int pages = 0;
      while (true) {
        SearchResult result = store.search(page);
        assertThat(result.totalHits()).isEqualTo(53);
        result.events().forEach(e -> paged.add(e.id()));
        pages++;
        if (result.nextCursor() == null) {
          break;
        }
        page = page.after(result.nextCursor());
      }
      assertThat(pages).isEqualTo(6);
      assertThat(paged).as(sort.toString()).hasSize(53).doesNotHaveDuplicates().isEqualTo(oneGo);
    }
  }

  @Test
  void aCursorOutlivesCommitsAndReopening() {
    commitFixtures();
    SearchRequest first = SearchRequest.of(EventQuery.all()).withLimit(3);
    SearchResult page1 = store.search(first);
    assertThat(page1.events()).extracting(Event::id).containsExactly("e4", "e3", "h2");
    reopen();
    commit(SIEM, List.of(StoreFixtures.event("email", "later", hours(10), SIEM).build()), "2");
    SearchResult page2 = store.search(first.after(page1.nextCursor()));
    assertThat(page2.events()).extracting(Event::id).containsExactly("e2", "h1", "e1");
  }

  @Test
  void foreignOrBrokenCursorsAreRejected() {
    commitFixtures();
    SearchRequest request = SearchRequest.of(EventQuery.all()).withLimit(2);
    String cursor = store.search(request).nextCursor();
    assertThat(cursor).isNotNull();
    assertThatThrownBy(
            () -> store.search(request.withSort(SortKey.asc("message_size")).after(cursor)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                store.search(
                    SearchRequest.of(EventQuery.where(eq("status", "held")))
                        .withLimit(2)
                        .after(cursor)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.search(request.after("not a cursor")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- aggregations

  @Test
  void countByGroupsFoldedValuesLargestFirst() {
    commitFixtures();
    List<TermsBucket> buckets = store.countBy(EventQuery.all(), List.of("status"), 10);
    assertThat(buckets)
        .containsExactly(
            new TermsBucket(List.of("delivered"), 2),
            new TermsBucket(List.of("held"), 1),
            new TermsBucket(List.of("rejected"), 1));
    assertThat(store.countBy(EventQuery.all(), List.of("status"), 2))
        .extracting(TermsBucket::value)
        .containsExactly("delivered", "held");
  }

  @Test
  void countByCountsEveryValueOfRepeatedFieldsAndCombinations() {
    commitFixtures();
    assertThat(store.countBy(EventQuery.all(), List.of("to_email_address"), 10))
        .containsExactly(
            new TermsBucket(List.of("bob@corp.test"), 2),
            new TermsBucket(List.of("carol@corp.test"), 1),
            new TermsBucket(List.of("dave@partner.test"), 1));
    assertThat(store.countBy(EventQuery.all(), List.of("direction", "to_email_address"), 10))
        .containsExactly(
            new TermsBucket(List.of("inbound", "bob@corp.test"), 2),
            new TermsBucket(List.of("inbound", "carol@corp.test"), 1),
            new TermsBucket(List.of("outbound", "dave@partner.test"), 1));
  }

  @Test
  void countByTypedValues() {
    commitFixtures();
    EventQuery emails = EventQuery.all().withSchemas("email");
    assertThat(store.countBy(emails, List.of("delivered"), 10))
        .containsExactly(new TermsBucket(List.of(false), 1), new TermsBucket(List.of(true), 1));
    assertThat(store.countBy(emails, List.of("message_size"), 10))
        .extracting(TermsBucket::value)
        .containsExactly(250L, 1500L, 90000L);
    assertThat(store.countBy(emails, List.of("sender_ip"), 10))
        .extracting(TermsBucket::value)
        .containsExactly("10.1.2.3", "192.168.7.9", "2001:db8::5");
    assertThat(store.countBy(emails, List.of("event_time"), 1))
        .containsExactly(new TermsBucket(List.of(T0), 1));
    assertThat(store.countBy(EventQuery.where(eq("status", "delivered")), List.of("status"), 10))
        .containsExactly(new TermsBucket(List.of("delivered"), 2));
    assertThatThrownBy(() -> store.countBy(emails, List.of("subject"), 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void histogramCountsPerEpochAlignedInterval() {
    commitFixtures();
    EventQuery window = EventQuery.all().between(T0, hours(4));
    assertThat(store.histogram(window, Duration.ofHours(1)))
        .containsExactly(
            new HistogramBucket(T0, 2),
            new HistogramBucket(hours(1), 2),
            new HistogramBucket(hours(2), 1),
            new HistogramBucket(hours(3), 1));
    // Without a range: from the oldest to the newest match, zeros in between; days start at
    // midnight UTC whatever the default time zone.
    List<HistogramBucket> days = store.histogram(EventQuery.all(), Duration.ofDays(1));
    assertThat(days)
        .containsExactly(
            new HistogramBucket(Instant.parse("2024-02-29T00:00:00Z"), 1),
            new HistogramBucket(Instant.parse("2024-03-01T00:00:00Z"), 6));
    assertThat(store.histogram(EventQuery.where(eq("status", "held")), Duration.ofMinutes(30)))
        .containsExactly(new HistogramBucket(hours(1), 1));
    assertThat(store.histogram(EventQuery.all().between(T0, hours(3)), Duration.ofHours(2)))
        .containsExactly(new HistogramBucket(T0, 4), new HistogramBucket(hours(2), 1));
  }

  @Test
  void histogramRejectsTooManyOrTooSmallBuckets() {
    EventQuery year = EventQuery.all().between(T0, T0.plus(Duration.ofDays(365)));
    assertThatThrownBy(() -> store.histogram(year, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.histogram(EventQuery.all(), Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** {@link EventStore#histogramBy}, or skips the test for a store without that option. */
  private List<TermsBucket> histogramBy(
      EventQuery query, Duration interval, String field, int limit) {
    try {
      return store.histogramBy(query, interval, field, limit);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("the store has no histogramBy (an optional operation)");
      throw e;
    }
  }

  private static TermsBucket bucket(Instant start, Object value, long count) {
    return new TermsBucket(List.of(start, value), count);
  }

  @Test
  void histogramBySplitsEachIntervalByValueInOnePass() {
    assertThat(histogramBy(EventQuery.all(), Duration.ofHours(1), "status", 10)).isEmpty();
    commitFixtures();
    List<TermsBucket> byStatus = histogramBy(EventQuery.all(), Duration.ofHours(2), "status", 10);
    assertThat(byStatus)
        .containsExactly(
            bucket(T0, "delivered", 1),
            bucket(T0, "held", 1),
            bucket(hours(2), "delivered", 1),
            bucket(hours(2), "rejected", 1));
    assertThat(histogramBy(EventQuery.all(), Duration.ofHours(2), "status", 3))
        .isEqualTo(byStatus.subList(0, 3));
    // A repeated field counts once per value; events without the field are in no group.
    assertThat(
            histogramBy(
                EventQuery.all().between(T0, hours(2)),
                Duration.ofHours(1),
                "to_email_address",
                10))
        .containsExactly(
            bucket(T0, "bob@corp.test", 1),
            bucket(T0, "carol@corp.test", 1),
            bucket(hours(1), "bob@corp.test", 1));
    // Days start at midnight UTC whatever the default time zone.
    assertThat(histogramBy(EventQuery.all(), Duration.ofDays(1), "direction", 10))
        .containsExactly(
            bucket(Instant.parse("2024-03-01T00:00:00Z"), "inbound", 2),
            bucket(Instant.parse("2024-03-01T00:00:00Z"), "outbound", 1));
    assertThat(
            histogramBy(
                EventQuery.where(eq("status", "held")), Duration.ofMinutes(30), "direction", 10))
        .containsExactly(bucket(hours(1), "inbound", 1));
  }

  @Test
  void histogramByTypedValuesAndInvalidRequests() {
    commitFixtures();
    EventQuery emails = EventQuery.all().withSchemas("email");
    assertThat(histogramBy(emails, Duration.ofHours(1), "delivered", 10))
        .containsExactly(bucket(T0, true, 1), bucket(hours(1), false, 1));
    Instant day = Instant.parse("2024-03-01T00:00:00Z");
    assertThat(histogramBy(emails, Duration.ofDays(1), "sender_ip", 10))
        .containsExactly(
            bucket(day, "10.1.2.3", 1),
            bucket(day, "192.168.7.9", 1),
            bucket(day, "2001:db8::5", 1));
    assertThat(histogramBy(emails, Duration.ofDays(1), "message_size", 10))
        .extracting(b -> b.key().get(1))
        .containsExactly(250L, 1500L, 90000L);
    assertThatThrownBy(() -> store.histogramBy(emails, Duration.ofHours(1), "subject", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.histogramBy(emails, Duration.ofMillis(10), "status", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.histogramBy(emails, Duration.ofHours(1), "status", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- ledger and stats

  @Test
  void ledgerEntriesAreListedNewestFirstPerStreamAndDeduplicated() {
    QuarantinedRecord q1 = StoreFixtures.quarantined(SIEM, "{bad 1", hours(1));
    QuarantinedRecord q2 = StoreFixtures.quarantined(SIEM, "{bad 2", hours(2));
    QuarantinedRecord q3 = StoreFixtures.quarantined(TTP_URL, "{bad 3", hours(3));
    Gap g1 = Gap.interval(SIEM, T0, hours(1), "HTTP 500 after 5 retries", hours(1));
    Gap g2 = Gap.file(TTP_URL, "f.gz", "HTTP 404", hours(2));
    store.commit(new StoreBatch(SIEM, List.of(), List.of(q1, q2), List.of(g1), Checkpoint.of()));
    store.commit(new StoreBatch(TTP_URL, List.of(), List.of(q3), List.of(g2), Checkpoint.of()));
    // The same raw record and the same gap again: replaced, not added.
    QuarantinedRecord q1Again = StoreFixtures.quarantined(SIEM, "{bad 1", hours(4));
    store.commit(new StoreBatch(SIEM, List.of(), List.of(q1Again), List.of(g1), Checkpoint.of()));

    assertThat(store.quarantined(LedgerQuery.all(10))).containsExactly(q1Again, q3, q2);
    assertThat(store.quarantined(LedgerQuery.of(SIEM, 10))).containsExactly(q1Again, q2);
    assertThat(store.quarantined(LedgerQuery.all(1))).containsExactly(q1Again);
    assertThat(store.gaps(LedgerQuery.all(10))).containsExactly(g2, g1);
    assertThat(store.gaps(LedgerQuery.of(TTP_URL, 10))).containsExactly(g2);
  }

  @Test
  void streamStatsCountWhatEachStreamStored() {
    commitFixtures();
    store.commit(
        new StoreBatch(
            SIEM,
            List.of(),
            List.of(StoreFixtures.quarantined(SIEM, "x", hours(1))),
            List.of(Gap.file(SIEM, "f", "gone", hours(1))),
            Checkpoint.of("position", "siem-2")));

    List<StreamStats> stats = store.streamStats();
    assertThat(stats).extracting(StreamStats::stream).containsExactly(AUDIT, SIEM, TTP_URL);
    StreamStats siem = store.streamStats(SIEM).orElseThrow();
    assertThat(siem.events()).isEqualTo(4);
    assertThat(siem.quarantined()).isEqualTo(1);
    assertThat(siem.gaps()).isEqualTo(1);
    assertThat(siem.checkpoint()).isEqualTo(Checkpoint.of("position", "siem-2"));
    assertThat(siem.lastCommit()).isNotNull();
    assertThat(store.streamStats(TTP_URL).orElseThrow().events()).isEqualTo(2);
    assertThat(store.streamStats(new StreamId("x", "y"))).isEmpty();
  }

  // ---------------------------------------------------------------- retention

  @Test
  void retentionDeletesOldEventsAndLedgerButKeepsCheckpoints() {
    commitFixtures();
    QuarantinedRecord oldQ = StoreFixtures.quarantined(SIEM, "old", hours(-30));
    QuarantinedRecord newQ = StoreFixtures.quarantined(SIEM, "new", hours(3));
    Gap oldGap = Gap.file(SIEM, "old.gz", "gone", hours(-30));
    store.commit(
        new StoreBatch(
            SIEM, List.of(), List.of(oldQ, newQ), List.of(oldGap), Checkpoint.of("position", "s")));

    RetentionResult result = store.deleteOlderThan(hours(1));

    assertThat(result).isEqualTo(new RetentionResult(3, 1, 1));
    assertThat(ids(SearchRequest.of(EventQuery.all()))).containsExactly("e4", "e3", "h2", "e2");
    assertThat(store.quarantined(LedgerQuery.all(10))).containsExactly(newQ);
    assertThat(store.gaps(LedgerQuery.all(10))).isEmpty();
    assertThat(store.checkpoint(AUDIT)).contains(Checkpoint.of("position", "audit-1"));
    assertThat(store.streamStats().stream().mapToLong(StreamStats::events).sum())
        .as("the streams' event counts once events were deleted")
        .isEqualTo(4);
    assertThat(store.streamStats(SIEM).orElseThrow())
        .extracting(StreamStats::quarantined, StreamStats::gaps)
        .containsExactly(1L, 0L);
    reopen();
    assertThat(store.count(EventQuery.all())).isEqualTo(4);
    assertThat(store.deleteOlderThan(hours(1))).isEqualTo(new RetentionResult(0, 0, 0));
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void concurrentStreamsAndReadersSeeWholeBatchesOnly() throws Exception {
    int streams = 3;
    int batches = 15;
    int perBatch = 40;
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(streams + 2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int s = 0; s < streams; s++) {
        StreamId stream = new StreamId("integration-" + s, "siem");
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int b = 1; b <= batches; b++) {
                    List<Event> events = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                      String id = stream.integrationId() + "-" + b + "-" + i;
                      events.add(StoreFixtures.event("email", id, hours(b), stream).build());
                    }
                    store.commit(
                        StoreBatch.of(stream, events, Checkpoint.of("batch", Integer.toString(b))));
                  }
                  return null;
                }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  start.await();
                  while (writing.get()) {
                    for (int s = 0; s < streams; s++) {
                      checkAtomicVisibility(
                          new StreamId("integration-" + s, "siem"), perBatch, violations);
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> w : writers) {
        w.get(5, TimeUnit.MINUTES);
      }
      writing.set(false);
      for (Future<?> r : readers) {
        r.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(violations).isEmpty();
    assertThat(store.count(EventQuery.all())).isEqualTo((long) streams * batches * perBatch);
    for (int s = 0; s < streams; s++) {
      StreamId stream = new StreamId("integration-" + s, "siem");
      assertThat(store.checkpoint(stream)).contains(Checkpoint.of("batch", "" + batches));
      assertThat(store.count(EventQuery.where(eq("ingest.integration_id", stream.integrationId()))))
          .isEqualTo((long) batches * perBatch);
    }
  }

  /**
   * Checkpoint n of a stream and its event count must agree: read the checkpoint first and the
   * count can only be at least n batches; read the count first and it can be at most n batches.
   */
  private void checkAtomicVisibility(
      StreamId stream, int perBatch, ConcurrentLinkedQueue<String> violations) {
    EventQuery ofStream = EventQuery.where(eq("ingest.integration_id", stream.integrationId()));
    int before = batchNumber(stream);
    long count = store.count(ofStream);
    int after = batchNumber(stream);
    if (count < (long) before * perBatch
        || count > (long) after * perBatch
        || count % perBatch != 0) {
      violations.add(
          stream + ": checkpoint " + before + ".." + after + " but " + count + " events");
    }
  }

  private int batchNumber(StreamId stream) {
    return store.checkpoint(stream).map(c -> Integer.parseInt(c.get("batch"))).orElse(0);
  }
}
