package io.mailsec.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Operator;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indicator matching both ways: new events against indicators, new indicators retro-hunted. */
class ThreatIntelMatchingTest {
  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
  private static final String BAD =
      "ec5a6c52acdc187fc6c1187f14cd685c686c2b283503a023c4a9d3a977b491be";

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
    return DetectionEngine.start(
        store,
        RuleSet.load(DetectionConfig.DEFAULTS, null, Map.of()),
        DetectionConfig.DEFAULTS,
        CLOCK);
  }

  private void commit(DetectionEngine engine, StreamId stream, Event... events) {
    engine.commit(
        StoreBatch.of(stream, List.of(events), Checkpoint.of("n", String.valueOf(++batches))));
  }

  private Event stored(String id) {
    return store
        .search(
            new SearchRequest(
                EventQuery.where(new Comparison("id", Operator.EQ, id)), List.of(), 1, null))
        .events()
        .get(0);
  }

  private List<Event> hashAlerts() {
    return TestEvents.alertsOf(store, "ti-attachment-hash-match");
  }

  @Test
  void anEventArrivingAfterTheIndicatorIsMarkedAndAlerted() {
    DetectionEngine engine = open();
    commit(engine, TestEvents.TI, TestEvents.hashIndicator("i1", T0, null, BAD));
    engine = open(); // indicators come back from the store
    commit(
        engine,
        TestEvents.SIEM,
        TestEvents.withAttachment(
            "e1", T0.plusSeconds(60), BAD.toUpperCase(java.util.Locale.ROOT)));
    Event e1 = stored("e1");
    assertThat(e1.get("ti.indicator_ids")).containsExactly("i1");
    assertThat(e1.get("ti.values")).containsExactly("hash:" + BAD);
    assertThat(hashAlerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.get("matched_event_ids")).containsExactly("e1");
              assertThat(a.get("indicator_ids")).containsExactly("i1");
              assertThat(a.get("entities.hashes")).contains(BAD);
            });
  }

  @Test
  void expiredAndRevokedIndicatorsDoNotMatchButValidFromDoesNotRestrict() {
    DetectionEngine engine = open();
    commit(
        engine,
        TestEvents.TI,
        TestEvents.hashIndicator("old", T0.minus(Duration.ofDays(30)), T0, BAD));
    commit(engine, TestEvents.SIEM, TestEvents.withAttachment("late", T0.plusSeconds(1), BAD));
    commit(
        engine,
        TestEvents.SIEM,
        TestEvents.withAttachment("early", T0.minus(Duration.ofDays(31)), BAD));
    assertThat(stored("late").get("ti.indicator_ids")).isEmpty();
    // Before valid_from but before valid_until too: the indicator applies (retro semantics).
    assertThat(stored("early").get("ti.indicator_ids")).containsExactly("old");

    String other = "aa".repeat(32);
    Event live = TestEvents.hashIndicator("live", T0, null, other);
    commit(engine, TestEvents.TI, live);
    Map<String, Object> revokedFields = new java.util.LinkedHashMap<>(live.fields());
    revokedFields.put("id", "live-revoked");
    revokedFields.put("revoked", true);
    revokedFields.put("modified", T0.plusSeconds(30));
    commit(engine, TestEvents.TI, Event.of("threat_indicator", revokedFields));
    engine = open();
    commit(
        engine,
        TestEvents.SIEM,
        TestEvents.withAttachment("after-revoke", T0.plusSeconds(60), other));
    assertThat(stored("after-revoke").get("ti.indicator_ids")).isEmpty();
    assertThat(hashAlerts())
        .singleElement()
        .satisfies(a -> assertThat(a.get("matched_event_ids")).containsExactly("early"));
  }

  @Test
  void aNewIndicatorIsRetroHuntedOverTheLastSevenDays() {
    DetectionEngine engine = open();
    commit(engine, TestEvents.SIEM, TestEvents.withAttachment("recent", T0, BAD));
    commit(
        engine,
        TestEvents.SIEM,
        TestEvents.withAttachment("too-old", CLOCK.instant().minus(Duration.ofDays(8)), BAD));
    assertThat(hashAlerts()).isEmpty();
    // Published after the event: valid_from does not stop retro-hunting.
    commit(engine, TestEvents.TI, TestEvents.hashIndicator("i1", CLOCK.instant(), null, BAD));
    assertThat(stored("recent").get("ti.indicator_ids")).containsExactly("i1");
    assertThat(stored("too-old").get("ti.indicator_ids")).isEmpty();
    assertThat(hashAlerts())
        .singleElement()
        .satisfies(a -> assertThat(a.get("matched_event_ids")).containsExactly("recent"));
    // The same indicator again changes nothing.
    commit(engine, TestEvents.TI, TestEvents.hashIndicator("i1", CLOCK.instant(), null, BAD));
    assertThat(hashAlerts())
        .singleElement()
        .satisfies(a -> assertThat(a.first("occurrences")).contains(1L));
  }

  @Test
  void aReDeliveredEventKeepsItsRetroHuntMarks() {
    DetectionEngine engine = open();
    Event recent = TestEvents.withAttachment("recent", T0, BAD);
    commit(engine, TestEvents.SIEM, recent);
    Event indicator = TestEvents.hashIndicator("i1", T0.minusSeconds(5), null, BAD);
    commit(engine, TestEvents.TI, indicator);
    Map<String, Object> revoked = new java.util.LinkedHashMap<>(indicator.fields());
    revoked.put("id", "i1-revoked");
    revoked.put("revoked", true);
    revoked.put("modified", T0.plusSeconds(30));
    commit(engine, TestEvents.TI, Event.of("threat_indicator", revoked));
    engine = open(); // the revoked indicator no longer matches: only the stored marks remain
    commit(engine, TestEvents.SIEM, recent);
    assertThat(stored("recent").get("ti.indicator_ids")).containsExactly("i1");
    assertThat(hashAlerts()).hasSize(1);
  }
}
