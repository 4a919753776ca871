package io.mailsec.bench;

import io.mailsec.bench.MimecastRecordGenerator.RawRecord;
import io.mailsec.core.event.Event;
import io.mailsec.core.query.IsNull;
import io.mailsec.core.query.Not;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.SortKey;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Issue 6: what detection costs on the ingest path. The same normalized events (of the {@link
 * MimecastRecordGenerator.Profile#DIVERSE} profile, whose domains and URLs are realistically
 * diverse) are committed in collector-sized batches into a fresh {@link LuceneEventStore} (a)
 * directly and (b) through a {@link DetectingEventStore} with the whole built-in rule pack enabled
 * and threat indicators loaded, some of which match the events. Both configurations get the
 * indicators committed first, untimed, so the stores hold the same data. The configurations
 * alternate within every repetition (and swap their order from one repetition to the next) so that
 * the shared host's load hits both alike. After every run the store must hold every event exactly
 * once, or the run fails.
 */
final class RuleBenchmark {
  /**
   * @param events raw records to generate (each yields one event)
   * @param batchSize events per store batch
   * @param warmups untimed repetitions (of both configurations)
   * @param repetitions timed repetitions (of both configurations)
   * @param ramBufferMb the store's Lucene RAM buffer
   * @param indicators threat indicators to load, mostly hashes and some URLs; a quarter taken from
   *     the events (each matches the one event carrying it), the rest match nothing
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
   * @param matchingEvents events that match at least one rule once marked (last rep)
   * @param events events committed per run
   */
  record Result(
      Measurement direct,
      Measurement detecting,
      long alerts,
      long markedEvents,
      long matchingEvents,
      long events) {
    double medianRatio() {
      return detecting.median() / direct.median();
    }

    double alertsPerThousandEvents() {
      return alerts * 1000.0 / events;
    }

    double matchingShare() {
      return matchingEvents / (double) events;
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
    MimecastRecordGenerator generator =
        new MimecastRecordGenerator(settings.seed(), MimecastRecordGenerator.Profile.DIVERSE);
    List<RawRecord> raw = new ArrayList<>(settings.events());
    for (int i = 0; i < settings.events(); i++) {
      raw.add(generator.next());
    }
    List<Event> events = IngestBenchmark.normalizeAll(new MimecastNormalizer(), raw);
    long distinct = events.stream().map(Event::id).distinct().count();
    List<Event> indicators = indicators(events);
    DetectionConfig config = config(events);
    RuleSet rules = RuleSet.load(config, null, Map.of());
    if (rules.enabled().size() != rules.all().size()) {
      throw new IllegalStateException("the benchmark must run with every built-in rule enabled");
    }
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
    long[] alertsAndMarked = new long[3];
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
        alertsAndMarked[1],
        alertsAndMarked[2],
        events.size());
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
        alertsAndMarked[2] = matchingAnyRule(store, events, rules);
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
   * Events that at least one enabled rule matches as stored, i.e. with their indicator marks: the
   * share of the data that gives the correlation and alert code work. Untimed.
   */
  private static long matchingAnyRule(EventStore store, List<Event> events, RuleSet rules) {
    Map<String, Event> marked = new HashMap<>();
    SearchRequest request =
        new SearchRequest(
            EventQuery.where(new Not(new IsNull("ti.indicator_ids"))),
            List.of(SortKey.asc("event_time")),
            1000,
            null);
    while (true) {
      SearchResult page = store.search(request);
      page.events().forEach(e -> marked.put(e.id(), e));
      if (page.nextCursor() == null) {
        break;
      }
      request = request.after(page.nextCursor());
    }
    long matching = 0;
    for (Event e : events) {
      Event stored = marked.getOrDefault(e.id(), e);
      if (rules.enabled().stream().anyMatch(r -> r.matches(stored))) {
        matching++;
      }
    }
    return matching;
  }

  /**
   * Indicators shaped like the Mimecast feed (mostly file hashes, some URLs), a quarter of them
   * observed in the data: 80 % of those are attachment SHA-256s and 20 % URLs of events spread
   * evenly over the data (each matches the one event that carries it, as a real indicator matches a
   * message or a small campaign), the rest random hashes (85 %) and URLs (15 %) that match nothing.
   * So well under 1 % of the events hit an indicator, as in real mail.
   */
  private List<Event> indicators(List<Event> events) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    int matching = settings.indicators() / 4;
    int matchingUrls = matching / 5;
    Set<String> observables = new LinkedHashSet<>();
    observables.addAll(spread(events, "attachments.sha256", "hash:", matching - matchingUrls));
    observables.addAll(spread(events, "url", "url:", matchingUrls));
    while (observables.size() < settings.indicators()) {
      observables.add(
          random.nextInt(100) < 15
              ? "url:https://" + hex(random, 12) + ".example.org/" + hex(random, 16)
              : "hash:" + hex(random, 64));
    }
    List<Event> out = new ArrayList<>();
    int n = 0;
    for (String observable : observables) {
      out.add(indicatorEvent("ti-" + n++, observable));
    }
    return out;
  }

  /** {@code count} observables of a field, taken from events evenly spread over the data. */
  private static List<String> spread(List<Event> events, String field, String kind, int count) {
    List<String> all = new ArrayList<>();
    for (Event e : events) {
      e.string(field).ifPresent(v -> all.add(kind + v.toLowerCase(Locale.ROOT)));
    }
    List<String> out = new ArrayList<>();
    if (count <= 0 || all.isEmpty()) {
      return out;
    }
    double step = Math.max(1.0, all.size() / (double) count);
    for (double i = 0; i < all.size() && out.size() < count; i += step) {
      out.add(all.get((int) i));
    }
    return out;
  }

  private static String hex(SplittableRandom random, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
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
