package io.mailsec.bench;

import io.mailsec.bench.MimecastRecordGenerator.RawRecord;
import io.mailsec.core.event.Event;
import io.mailsec.core.query.IsNull;
import io.mailsec.core.query.Not;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.core.store.TermsBucket;
import io.mailsec.detect.DetectingEventStore;
import io.mailsec.detect.DetectionConfig;
import io.mailsec.detect.DetectionEngine;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.detect.ti.Indicator;
import io.mailsec.normalize.MimecastNormalizer;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Issue 6: what detection costs on the ingest path. The same normalized events are committed in
 * collector-sized batches into a fresh {@link LuceneEventStore} (a) directly and (b) through a
 * {@link DetectingEventStore} with the whole built-in rule pack enabled and threat indicators
 * loaded, some of which match the events. Both configurations get the indicators committed first,
 * untimed, so the stores hold the same data. The configurations alternate within every repetition
 * (and swap their order from one repetition to the next) so that the shared host's load hits both
 * alike. After every run the store must hold every event exactly once, or the run fails.
 */
final class RuleBenchmark {
  /**
   * @param events raw records to generate (each yields one event)
   * @param batchSize events per store batch
   * @param warmups untimed repetitions (of both configurations)
   * @param repetitions timed repetitions (of both configurations)
   * @param ramBufferMb the store's Lucene RAM buffer
   * @param indicators threat indicators to load; half of them taken from attachment hashes and URLs
   *     of the events (so each matches one or a few events, like real indicators), half random
   *     hashes that match nothing
   * @param workDirectory where the stores are built (and deleted again)
   */
  record Settings(
      int events,
      int batchSize,
      int warmups,
      int repetitions,
      double ramBufferMb,
      int indicators,
      long seed,
      Path workDirectory) {}

  /**
   * @param direct events/s committed straight into the store
   * @param detecting events/s committed through the detection engine
   * @param alerts alerts the detecting configuration stored (last repetition)
   * @param markedEvents events the detecting configuration marked with indicator hits (last rep)
   */
  record Result(Measurement direct, Measurement detecting, long alerts, long markedEvents) {
    double medianRatio() {
      return detecting.median() / direct.median();
    }
  }

  static final String DIRECT = "store commit, no rules";
  static final String DETECTING = "through DetectionEngine";

  private static final Instant INDICATOR_TIME = Instant.parse("2025-11-01T00:00:00Z");
  private static final StreamId EVENTS = new StreamId("bench", "siem");
  private static final StreamId INDICATORS = new StreamId("bench", "threat-intel");

  private final Settings settings;
  private final Consumer<String> progress;

  RuleBenchmark(Settings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  Result run() throws IOException {
    List<RawRecord> raw = IngestBenchmark.generate(settings.seed(), settings.events());
    List<Event> events = IngestBenchmark.normalizeAll(new MimecastNormalizer(), raw);
    long distinct = events.stream().map(Event::id).distinct().count();
    List<Event> indicators = indicators(events);
    DetectionConfig config = config(events);
    RuleSet rules = RuleSet.load(config, null, Map.of());
    progress.accept(
        String.format(
            Locale.ROOT,
            "%d events (%d distinct ids), %d indicators, %d of %d rules enabled",
            events.size(),
            distinct,
            indicators.size(),
            rules.enabled().size(),
            rules.all().size()));
    long expectedDocs = distinct + indicators.size();

    double[] direct = new double[settings.repetitions()];
    double[] detecting = new double[settings.repetitions()];
    long[] alertsAndMarked = new long[2];
    for (int i = -settings.warmups(); i < settings.repetitions(); i++) {
      boolean directFirst = Math.floorMod(i, 2) == 0;
      for (int k = 0; k < 2; k++) {
        boolean detect = directFirst == (k == 1);
        double rate =
            timed(detect, events, indicators, config, rules, expectedDocs, alertsAndMarked);
        progress.accept(
            String.format(
                Locale.ROOT,
                "  %-24s %s: %,.0f /s",
                detect ? DETECTING : DIRECT,
                i < 0 ? "warm-up" : "rep " + (i + 1),
                rate));
        if (i >= 0) {
          (detect ? detecting : direct)[i] = rate;
        }
      }
    }
    return new Result(
        new Measurement(DIRECT, 1, direct),
        new Measurement(DETECTING, 1, detecting),
        alertsAndMarked[0],
        alertsAndMarked[1]);
  }

  /**
   * One run into a fresh store; returns events/s; fills alerts and marked events when detecting.
   */
  private double timed(
      boolean detect,
      List<Event> events,
      List<Event> indicators,
      DetectionConfig config,
      RuleSet rules,
      long expectedDocs,
      long[] alertsAndMarked)
      throws IOException {
    Path dir = Files.createTempDirectory(settings.workDirectory(), "rules-");
    try (LuceneEventStore store =
        LuceneEventStore.open(
            new LuceneStoreConfig(
                dir, SchemaRegistry.standard(), settings.ramBufferMb(), Clock.systemUTC()))) {
      EventStore target = store;
      AtomicLong created = new AtomicLong();
      if (detect) {
        DetectionEngine engine = DetectionEngine.start(store, rules, config, Clock.systemUTC());
        engine.onNewAlert(a -> created.incrementAndGet());
        target = new DetectingEventStore(store, engine);
      }
      target.commit(StoreBatch.of(INDICATORS, indicators, Checkpoint.of("next", "indicators")));
      System.gc();
      long start = System.nanoTime();
      int size = settings.batchSize();
      for (int from = 0; from < events.size(); from += size) {
        List<Event> batch = events.subList(from, Math.min(events.size(), from + size));
        target.commit(StoreBatch.of(EVENTS, batch, Checkpoint.of("next", Integer.toString(from))));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long alerts = store.count(EventQuery.all().withSchemas(SchemaRegistry.ALERT));
      long docs = store.count(EventQuery.all()) - alerts;
      if (docs != expectedDocs) {
        throw new IllegalStateException(
            "expected " + expectedDocs + " events and indicators but found " + docs);
      }
      if (detect) {
        if (alerts != created.get()) {
          throw new IllegalStateException(
              alerts + " alerts stored but " + created.get() + " reported as created");
        }
        alertsAndMarked[0] = alerts;
        alertsAndMarked[1] = store.count(EventQuery.where(new Not(new IsNull("ti.indicator_ids"))));
        for (TermsBucket b :
            store.countBy(
                EventQuery.all().withSchemas(SchemaRegistry.ALERT), List.of("rule_id"), 50)) {
          progress.accept(String.format(Locale.ROOT, "    alerts of %s: %,d", b.key(), b.count()));
        }
      }
      return events.size() / seconds;
    } finally {
      IngestBenchmark.deleteRecursively(dir);
    }
  }

  /**
   * Half the indicators: a hash or URL observable each of events spread evenly over the data
   * (sorted, so the choice does not depend on set iteration order); the other half random hashes.
   * Beware: measured at 200,000 events, these indicators mark about 28 % of the events and about
   * one alert is stored per three events (nearly all from URL indicators; the generator's URL hosts
   * come from a small skewed pool), far denser than real threat intel. See docs/performance.md.
   */
  private List<Event> indicators(List<Event> events) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    Set<String> observables = new LinkedHashSet<>();
    int matching = settings.indicators() / 2;
    int step = Math.max(1, events.size() / Math.max(1, matching));
    for (int i = 0; i < events.size() && observables.size() < matching; i += step) {
      List<String> candidates =
          new ArrayList<>(new TreeSet<>(Indicator.observablesOf(events.get(i))));
      if (!candidates.isEmpty()) {
        observables.add(candidates.get(random.nextInt(candidates.size())));
      }
    }
    while (observables.size() < settings.indicators()) {
      StringBuilder hash = new StringBuilder("hash:");
      for (int i = 0; i < 64; i++) {
        hash.append(Character.forDigit(random.nextInt(16), 16));
      }
      observables.add(hash.toString());
    }
    List<Event> out = new ArrayList<>();
    int n = 0;
    for (String observable : observables) {
      out.add(indicatorEvent("ti-" + n++, observable));
    }
    return out;
  }

  private static Event indicatorEvent(String id, String observable) {
    String kind = observable.substring(0, observable.indexOf(':'));
    String type =
        switch (kind) {
          case "hash" -> "sha256";
          case "host" -> "domain";
          default -> kind;
        };
    return Event.builder(SchemaRegistry.THREAT_INDICATOR)
        .put("id", id)
        .put("tenant_id", "tenant-1")
        .put("sensor_type", "mimecast")
        .put("event_time", INDICATOR_TIME)
        .put("event_type", "malware_grid")
        .put("ingest.integration_id", INDICATORS.integrationId())
        .put("ingest.data_type", INDICATORS.dataType())
        .put("ingest.time", INDICATOR_TIME)
        .put("original_data", "{}")
        .put("indicator_type", type)
        .put("indicator_value", Indicator.valueOf(observable))
        .put("indicator_id", "indicator--" + id)
        .put("valid_from", INDICATOR_TIME)
        .put("modified", INDICATOR_TIME)
        .build();
  }

  /** The lists the built-in rules use, filled from the data so their conditions have work. */
  private static DetectionConfig config(List<Event> events) {
    List<String> recipients = new ArrayList<>();
    for (Event e : events) {
      for (Object r : e.get("to_email_address")) {
        if (recipients.size() < 40 && !recipients.contains(r.toString())) {
          recipients.add(r.toString());
        }
      }
      if (recipients.size() >= 40) {
        break;
      }
    }
    int half = recipients.size() / 2;
    return DetectionConfig.DEFAULTS
        .withList("internal_domains", List.of("corp.example", "eu.corp.example", "lab.example"))
        .withList("executive_recipients", recipients.subList(0, half))
        .withList("finance_recipients", recipients.subList(half, recipients.size()));
  }
}
