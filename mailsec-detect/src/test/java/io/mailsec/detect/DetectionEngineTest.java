package io.mailsec.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QueryOptions;
import io.mailsec.core.ql.QueryResult;
import io.mailsec.core.ql.StoreQueryRunner;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StoreException;
import io.mailsec.core.store.StreamId;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the real Lucene store: alerts once, thresholds, restarts, failed commits, TI. */
class DetectionEngineTest {
  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);

  @TempDir Path dir;
  private EventStore store;
  private int batches;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private DetectionEngine open() {
    if (store != null) {
      store.close();
    }
    store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir).withClock(CLOCK));
    return start(store);
  }

  private static DetectionEngine start(EventStore s) {
    return DetectionEngine.start(
        s, RuleSet.load(DetectionConfig.DEFAULTS, null, Map.of()), DetectionConfig.DEFAULTS, CLOCK);
  }

  private void commit(DetectionEngine engine, StreamId stream, Event... events) {
    engine.commit(
        StoreBatch.of(stream, List.of(events), Checkpoint.of("n", String.valueOf(++batches))));
  }

  private List<Event> alerts(String ruleId) {
    return TestEvents.alertsOf(store, ruleId);
  }

  private Event stored(String id) {
    return store
        .search(
            new SearchRequest(
                EventQuery.where(
                    new io.mailsec.core.query.Comparison(
                        "id", io.mailsec.core.query.Operator.EQ, id)),
                List.of(),
                1,
                null))
        .events()
        .get(0);
  }

  @Test
  void oneAlertPerGroupPerSuppressionWindowCountingOccurrences() {
    DetectionEngine engine = open();
    List<Event> notified = new ArrayList<>();
    engine.onNewAlert(notified::add);
    commit(engine, TestEvents.SIEM, TestEvents.virus("v1", T0, "<m1>"));
    commit(
        engine,
        TestEvents.SIEM,
        TestEvents.virus("v2", T0.plusSeconds(60), "<m1>"),
        TestEvents.virus("v3", T0.plusSeconds(90), "<m2>"));
    commit(engine, TestEvents.SIEM, TestEvents.virus("v4", T0.plus(Duration.ofHours(2)), "<m1>"));

    List<Event> virus = alerts("mimecast-seg-virus");
    assertThat(virus).hasSize(3);
    Event m1 =
        virus.stream()
            .filter(a -> a.first("first_seen").orElseThrow().equals(T0))
            .findFirst()
            .orElseThrow();
    assertThat(m1.first("occurrences")).contains(2L);
    assertThat(m1.get("matched_event_ids")).containsExactly("v1", "v2");
    assertThat(m1.first("last_seen")).contains(T0.plusSeconds(60));
    assertThat(m1.get("entities.message_ids")).containsExactly("<m1>");
    assertThat(m1.string("status")).contains("open");
    assertThat(notified).extracting(Event::id).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void reDeliveredEventsAreNotCountedTwiceEvenAfterARestart() {
    DetectionEngine engine = open();
    Event v1 = TestEvents.virus("v1", T0, "<m1>");
    commit(engine, TestEvents.SIEM, v1);
    commit(engine, TestEvents.SIEM, v1);
    engine = open();
    commit(engine, TestEvents.SIEM, v1);
    assertThat(alerts("mimecast-seg-virus"))
        .singleElement()
        .satisfies(a -> assertThat(a.first("occurrences")).contains(1L));
  }

  @Test
  void thresholdWindowSurvivesARestartWithoutDroppingOrRepeating() {
    DetectionEngine engine = open();
    String ip = "192.0.2.50";
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f1", T0, ip));
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f2", T0.plusSeconds(120), ip));
    engine = open();
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f3", T0.plusSeconds(240), ip));
    assertThat(alerts("mimecast-audit-logon-failures")).isEmpty();
    engine = open();
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f4", T0.plusSeconds(360), ip));
    assertThat(alerts("mimecast-audit-logon-failures"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.first("occurrences")).contains(4L);
              assertThat(a.string("group_key")).contains(ip);
            });
    engine = open();
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f5", T0.plusSeconds(420), ip));
    assertThat(alerts("mimecast-audit-logon-failures"))
        .singleElement()
        .satisfies(a -> assertThat(a.first("occurrences")).contains(5L));
  }

  @Test
  void thresholdNotReachedWhenFailuresAreSpreadOut() {
    DetectionEngine engine = open();
    for (int i = 0; i < 6; i++) {
      commit(
          engine,
          TestEvents.AUDIT,
          TestEvents.logonFailure("s" + i, T0.plus(Duration.ofMinutes(6L * i)), "192.0.2.9"));
    }
    assertThat(alerts("mimecast-audit-logon-failures")).isEmpty();
  }

  @Test
  void aFailedCommitLeavesNoTraceAndTheRetryAlertsOnce() {
    open();
    AtomicInteger failures = new AtomicInteger(1);
    EventStore flaky =
        (EventStore)
            Proxy.newProxyInstance(
                EventStore.class.getClassLoader(),
                new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("commit") && failures.getAndDecrement() > 0) {
                    throw new StoreException("disk full (simulated)", null);
                  }
                  try {
                    return method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    DetectionEngine engine = start(flaky);
    List<Event> notified = new ArrayList<>();
    engine.onNewAlert(notified::add);
    StoreBatch batch =
        StoreBatch.of(
            TestEvents.SIEM, List.of(TestEvents.virus("v1", T0, "<m1>")), Checkpoint.of("n", "1"));
    assertThatThrownBy(() -> engine.commit(batch)).isInstanceOf(StoreException.class);
    assertThat(alerts("mimecast-seg-virus")).isEmpty();
    assertThat(notified).isEmpty();
    engine.commit(batch);
    assertThat(alerts("mimecast-seg-virus"))
        .singleElement()
        .satisfies(a -> assertThat(a.first("occurrences")).contains(1L));
    assertThat(notified).hasSize(1);
  }

  @Test
  void statusChangesAreKeptInHistoryAndLaterMatchesFoldIntoAnAcknowledgedAlert() {
    DetectionEngine engine = open();
    commit(engine, TestEvents.SIEM, TestEvents.virus("v1", T0, "<m1>"));
    String id = alerts("mimecast-seg-virus").get(0).id();
    Event acked = engine.updateStatus(id, "acknowledged", "ana", "looking").orElseThrow();
    assertThat(acked.get("history.to")).containsExactly("open", "acknowledged");
    assertThat(acked.get("history.note")).containsExactly("looking");
    commit(engine, TestEvents.SIEM, TestEvents.virus("v2", T0.plusSeconds(5), "<m1>"));
    Event after = stored(id);
    assertThat(after.string("status")).contains("acknowledged");
    assertThat(after.first("occurrences")).contains(2L);

    engine.updateStatus(id, "resolved", "ana", null);
    DetectionEngine restarted = open();
    commit(restarted, TestEvents.SIEM, TestEvents.virus("v3", T0.plusSeconds(10), "<m1>"));
    assertThat(alerts("mimecast-seg-virus")).hasSize(2);
    assertThat(stored(id).string("status")).contains("resolved");
    assertThatThrownBy(() -> restarted.updateStatus(id, "closed", "ana", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(restarted.updateStatus("alert-nope", "resolved", "ana", null)).isEmpty();
  }

  @Test
  void alertsAreSearchableBySeverityRank() {
    DetectionEngine engine = open();
    commit(engine, TestEvents.SIEM, TestEvents.virus("v1", T0, "<m1>"));
    commit(
        engine,
        TestEvents.AUDIT,
        TestEvents.logonFailure("f1", T0, "192.0.2.1"),
        TestEvents.logonFailure("f2", T0.plusSeconds(1), "192.0.2.1"),
        TestEvents.logonFailure("f3", T0.plusSeconds(2), "192.0.2.1"),
        TestEvents.logonFailure("f4", T0.plusSeconds(3), "192.0.2.1"));
    StoreQueryRunner runner =
        new StoreQueryRunner(SchemaRegistry.standard(), QueryOptions.DEFAULTS);
    QueryResult.Events high =
        (QueryResult.Events)
            runner.run(
                QueryLanguage.standard()
                    .plan("FROM alert WHERE severity >= 'high' EARLIEST=-30d", CLOCK.instant()),
                store);
    assertThat(high.events())
        .extracting(e -> e.string("rule_id").orElseThrow())
        .containsExactly("mimecast-audit-logon-failures");
    QueryResult.Events all =
        (QueryResult.Events)
            runner.run(
                QueryLanguage.standard().plan("FROM alert EARLIEST=-30d", CLOCK.instant()), store);
    assertThat(all.events()).hasSize(2);
  }

  @Test
  void maliciousVerdictAndALaterDeliveryOfTheSameMessageRaiseOneAlert() {
    DetectionEngine engine = open();
    Event verdict =
        TestEvents.base("email", "ap1", T0, "ttp_attachment", "ttp-attachment")
            .put("message_id", "<evil@x>")
            .add("threats", Map.of("classification", "malicious_attachment", "name", "malicious"))
            .build();
    Event cleanDelivery =
        TestEvents.base("email", "d0", T0, "delivery", "siem")
            .put("message_id", "<fine@x>")
            .put("delivered", true)
            .build();
    commit(engine, new StreamId("demo", "ttp-attachment"), verdict);
    engine = open();
    Event delivery =
        TestEvents.base("email", "d1", T0.plusSeconds(1500), "delivery", "siem")
            .put("message_id", "<evil@x>")
            .put("delivered", true)
            .add("to_email_address", "user@corp.example")
            .build();
    commit(engine, TestEvents.SIEM, cleanDelivery, delivery);
    commit(engine, TestEvents.SIEM, delivery);
    assertThat(alerts("malicious-message-delivered"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.get("matched_event_ids")).containsExactly("ap1", "d1");
              assertThat(a.string("severity")).contains("critical");
              assertThat(a.get("entities.recipients")).contains("user@corp.example");
            });
  }
}
