package io.mailsec.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.RuleParser;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules swapped into a running engine: kept state for unchanged rules, fresh state otherwise. */
class LiveRuleChangeTest {
  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);
  private static final String VIRUS =
      "id: test-virus\nname: Virus seen\nseverity: high\n"
          + "query: FROM email WHERE threats.classification = 'virus'\n"
          + "group_by: [message_id]\nsuppress_for: 1h\n";
  private static final String BURST =
      "id: test-burst\nname: Logon failure burst\nseverity: medium\n"
          + "query: FROM audit WHERE event_type = 'logon_authentication_failed'\n"
          + "group_by: [source_ip]\nthreshold: {count: 3, within: 10m}\n";

  @TempDir Path dir;
  private final List<EventStore> stores = new ArrayList<>();
  private int batches;

  @AfterEach
  void close() {
    stores.forEach(EventStore::close);
  }

  private EventStore store(String name) {
    EventStore s =
        LuceneEventStore.open(LuceneStoreConfig.defaults(dir.resolve(name)).withClock(CLOCK));
    stores.add(s);
    return s;
  }

  private static RuleSet rules(String... yaml) {
    List<CompiledRule> compiled = new ArrayList<>();
    for (String y : yaml) {
      compiled.add(
          CompiledRule.compile(
              RuleParser.parse(y, "test.yaml"),
              DetectionConfig.DEFAULTS,
              QueryLanguage.standard()));
    }
    return RuleSet.of(compiled);
  }

  private void commit(DetectionEngine engine, StreamId stream, Event... events) {
    engine.commit(
        StoreBatch.of(stream, List.of(events), Checkpoint.of("n", String.valueOf(++batches))));
  }

  @Test
  void anUnchangedRuleKeepsItsAlertAcrossASwapAndAChangedOneStartsFresh() {
    EventStore store = store("s");
    DetectionEngine engine =
        DetectionEngine.start(store, rules(VIRUS), DetectionConfig.DEFAULTS, CLOCK);
    commit(engine, TestEvents.SIEM, TestEvents.virus("v1", T0, "<m1>"));

    assertThat(engine.replaceRules(rules(VIRUS.replace("Virus seen", "Virus seen (renamed)"))))
        .isEmpty();
    assertThat(engine.rules().get("test-virus").orElseThrow().rule().name())
        .isEqualTo("Virus seen (renamed)");
    commit(engine, TestEvents.SIEM, TestEvents.virus("v2", T0.plusSeconds(60), "<m1>"));
    assertThat(TestEvents.alertsOf(store, "test-virus"))
        .singleElement()
        .satisfies(a -> assertThat(a.get("matched_event_ids")).containsExactly("v1", "v2"));

    String changed = VIRUS.replace("= 'virus'", "IN ('virus', 'malware')");
    assertThat(engine.replaceRules(rules(changed))).containsExactly("test-virus");
    commit(engine, TestEvents.SIEM, TestEvents.virus("v3", T0.plusSeconds(120), "<m1>"));
    assertThat(TestEvents.alertsOf(store, "test-virus"))
        .hasSize(2)
        .anySatisfy(a -> assertThat(a.get("matched_event_ids")).containsExactly("v3"));
  }

  @Test
  void aThresholdWindowSurvivesAnUnchangedSwapButNotAChangedThreshold() {
    EventStore kept = store("kept");
    DetectionEngine engine =
        DetectionEngine.start(kept, rules(BURST), DetectionConfig.DEFAULTS, CLOCK);
    String ip = "192.0.2.7";
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f1", T0, ip));
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f2", T0.plusSeconds(60), ip));
    engine.replaceRules(rules(BURST.replace("severity: medium", "severity: high")));
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f3", T0.plusSeconds(120), ip));
    assertThat(TestEvents.alertsOf(kept, "test-burst"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.first("occurrences")).contains(3L);
              assertThat(a.string("severity")).contains("high");
            });
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f4", T0.plusSeconds(180), ip));
    assertThat(TestEvents.alertsOf(kept, "test-burst"))
        .singleElement()
        .satisfies(a -> assertThat(a.first("occurrences")).contains(4L));

    EventStore fresh = store("fresh");
    engine = DetectionEngine.start(fresh, rules(BURST), DetectionConfig.DEFAULTS, CLOCK);
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f1", T0, ip));
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f2", T0.plusSeconds(60), ip));
    engine.replaceRules(rules(BURST.replace("within: 10m", "within: 15m")));
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f3", T0.plusSeconds(120), ip));
    assertThat(TestEvents.alertsOf(fresh, "test-burst")).isEmpty();
  }

  @Test
  void aThresholdRuleEnabledAgainRebuildsItsWindowFromTheStoreAsOnStart() {
    EventStore store = store("s");
    RuleSet on = rules(BURST);
    RuleSet off = rules(BURST.replace("severity: medium", "severity: medium\nenabled: false"));
    DetectionEngine engine = DetectionEngine.start(store, on, DetectionConfig.DEFAULTS, CLOCK);
    String ip = "192.0.2.8";
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f1", T0, ip));
    engine.replaceRules(off);
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f2", T0.plusSeconds(60), ip));
    assertThat(TestEvents.alertsOf(store, "test-burst")).isEmpty();
    assertThat(engine.replaceRules(on)).containsExactly("test-burst");
    commit(engine, TestEvents.AUDIT, TestEvents.logonFailure("f3", T0.plusSeconds(120), ip));
    assertThat(TestEvents.alertsOf(store, "test-burst"))
        .singleElement()
        .satisfies(a -> assertThat(a.get("matched_event_ids")).containsExactly("f1", "f2", "f3"));
  }

  /**
   * Seeded random streams through two engines, one of which has its rules swapped (same
   * definitions, other metadata) between random commits: the alerts must be the same, so a swap
   * neither repeats nor drops any.
   */
  @Test
  void swapsOfUnchangedRulesNeverRepeatOrDropAlerts() {
    Map<String, Integer> alertsSeen = new TreeMap<>();
    for (int seed = 0; seed < 6; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      EventStore plain = store("plain" + seed);
      EventStore swapped = store("swapped" + seed);
      DetectionEngine a =
          DetectionEngine.start(plain, rules(VIRUS, BURST), DetectionConfig.DEFAULTS, CLOCK);
      DetectionEngine b =
          DetectionEngine.start(swapped, rules(VIRUS, BURST), DetectionConfig.DEFAULTS, CLOCK);
      Instant t = T0;
      for (int batch = 0; batch < 25; batch++) {
        List<Event> siem = new ArrayList<>();
        List<Event> audit = new ArrayList<>();
        for (int i = random.nextInt(1, 5); i > 0; i--) {
          t = t.plusSeconds(random.nextInt(1, 300));
          String id = "e" + batch + "-" + i;
          if (random.nextBoolean()) {
            siem.add(TestEvents.virus(id, t, "<m" + random.nextInt(3) + ">"));
          } else {
            audit.add(TestEvents.logonFailure(id, t, "192.0.2." + random.nextInt(2)));
          }
        }
        if (random.nextInt(3) == 0) {
          String label = " v" + batch;
          b.replaceRules(
              rules(
                  VIRUS.replace("Virus seen", "Virus seen" + label),
                  BURST.replace("Logon failure burst", "Burst" + label)));
        }
        for (DetectionEngine engine : List.of(a, b)) {
          if (!siem.isEmpty()) {
            commit(engine, TestEvents.SIEM, siem.toArray(Event[]::new));
          }
          if (!audit.isEmpty()) {
            commit(engine, TestEvents.AUDIT, audit.toArray(Event[]::new));
          }
        }
      }
      for (String rule : List.of("test-virus", "test-burst")) {
        Map<String, Object> expected = occurrencesById(plain, rule);
        assertThat(occurrencesById(swapped, rule))
            .as("seed %d rule %s", seed, rule)
            .isEqualTo(expected);
        alertsSeen.merge(rule, expected.size(), Integer::sum);
      }
    }
    assertThat(alertsSeen).allSatisfy((rule, n) -> assertThat(n).as(rule).isPositive());
  }

  private static Map<String, Object> occurrencesById(EventStore store, String ruleId) {
    Map<String, Object> out = new TreeMap<>();
    for (Event alert : TestEvents.alertsOf(store, ruleId)) {
      out.put(alert.id(), alert.get("matched_event_ids"));
    }
    return out;
  }

  @Test
  void detectionFollowsRuleFilesChangedByAnotherProcess() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve(Detection.RULES_DIR));
    EventStore store = store("store");
    try (Detection detection = Detection.start(data, store, CLOCK)) {
      EventStore collecting = detection.collectingStore();
      assertThat(detection.rules().get("test-virus")).isEmpty();

      Files.writeString(data.resolve("rules/test-virus.yaml"), VIRUS);
      collecting.commit(
          StoreBatch.of(
              TestEvents.SIEM,
              List.of(TestEvents.virus("v1", T0, "<m1>")),
              Checkpoint.of("n", "1")));
      assertThat(TestEvents.alertsOf(store, "test-virus")).hasSize(1);

      RuleStates.set(data.resolve(Detection.STATE_FILE), "test-virus", false);
      collecting.commit(
          StoreBatch.of(
              TestEvents.SIEM,
              List.of(TestEvents.virus("v2", T0.plus(Duration.ofHours(3)), "<m2>")),
              Checkpoint.of("n", "2")));
      assertThat(TestEvents.alertsOf(store, "test-virus")).hasSize(1);
      assertThat(detection.rules().get("test-virus").orElseThrow().rule().enabled()).isFalse();

      Files.writeString(data.resolve("rules/broken.yaml"), "id: broken\nquery: [\n");
      RuleStates.set(data.resolve(Detection.STATE_FILE), "test-virus", true);
      collecting.commit(
          StoreBatch.of(
              TestEvents.SIEM,
              List.of(TestEvents.virus("v3", T0.plus(Duration.ofHours(6)), "<m3>")),
              Checkpoint.of("n", "3")));
      assertThat(TestEvents.alertsOf(store, "test-virus")).hasSize(1);
      assertThat(detection.ruleFiles().loadProblem()).get().asString().contains("broken.yaml");

      Files.delete(data.resolve("rules/broken.yaml"));
      collecting.commit(
          StoreBatch.of(
              TestEvents.SIEM,
              List.of(TestEvents.virus("v4", T0.plus(Duration.ofHours(9)), "<m4>")),
              Checkpoint.of("n", "4")));
      assertThat(TestEvents.alertsOf(store, "test-virus")).hasSize(2);
      assertThat(detection.ruleFiles().loadProblem()).isEmpty();
    }
  }
}
