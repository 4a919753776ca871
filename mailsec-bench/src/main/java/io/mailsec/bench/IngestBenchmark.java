package io.mailsec.bench;

import io.mailsec.bench.MimecastRecordGenerator.RawRecord;
import io.mailsec.bench.RawLuceneBaseline.FlatEvent;
import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.normalize.DataType;
import io.mailsec.normalize.MimecastNormalizer;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.normalize.NormalizationResult;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The ingest benchmark: generates raw records, normalizes them once (untimed), then measures in one
 * run the raw-Lucene baseline, {@link LuceneEventStore#commit} in collector-sized batches (with and
 * without the substring index) and normalization alone, each with 1 and 2 threads. Every indexing
 * repetition starts from an empty directory and checks afterwards that every event is in the index,
 * so a fast but wrong run cannot produce a figure.
 */
final class IngestBenchmark {
  /**
   * @param events raw records to generate (each yields one event)
   * @param batchSize events per store batch / per baseline commit
   * @param warmups untimed repetitions per configuration
   * @param repetitions timed repetitions per configuration
   * @param ramBufferMb Lucene RAM buffer of both the baseline and the store
   * @param workDirectory where the indexes are built (and deleted again)
   */
  record Settings(
      int events,
      int batchSize,
      int warmups,
      int repetitions,
      double ramBufferMb,
      long seed,
      Path workDirectory) {}

  private static final Instant INGEST_TIME = Instant.parse("2025-12-20T00:00:00Z");

  private final Settings settings;
  private final Consumer<String> progress;

  IngestBenchmark(Settings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  List<Measurement> run() throws IOException, InterruptedException {
    List<RawRecord> raw = generate(settings.seed(), settings.events());
    MimecastNormalizer normalizer = new MimecastNormalizer();
    List<Event> events = normalizeAll(normalizer, raw);
    long distinct = events.stream().map(Event::id).distinct().count();
    List<FlatEvent> flat = events.stream().map(RawLuceneBaseline::flatten).toList();
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "%d events (%d distinct ids), original_data averages %.0f chars",
            events.size(),
            distinct,
            events.stream()
                .mapToInt(e -> e.string("original_data").orElse("").length())
                .average()
                .orElse(0)));

    List<Measurement> results = new ArrayList<>();
    for (int threads = 1; threads <= 2; threads++) {
      List<List<FlatEvent>> flatParts = Workers.split(flat, threads);
      results.add(
          measure(
              "raw Lucene baseline",
              threads,
              events.size(),
              dir -> {
                int docs =
                    RawLuceneBaseline.index(
                        dir, settings.ramBufferMb(), settings.batchSize(), flatParts);
                requireCount(docs, distinct);
              }));
      List<List<Event>> eventParts = Workers.split(events, threads);
      results.add(
          measure(
              "LuceneEventStore.commit",
              threads,
              events.size(),
              dir -> requireCount(storeIngest(dir, eventParts, true), distinct)));
      results.add(
          measure(
              "store, no substring index",
              threads,
              events.size(),
              dir -> requireCount(storeIngest(dir, eventParts, false), distinct)));
      List<List<RawRecord>> rawParts = Workers.split(raw, threads);
      results.add(
          measure(
              "normalize only",
              threads,
              raw.size(),
              dir -> {
                AtomicLong produced = new AtomicLong();
                Workers.run(
                    rawParts,
                    (index, part) -> produced.addAndGet(normalizeAll(normalizer, part).size()));
                requireCount(produced.get(), events.size());
              }));
    }
    return results;
  }

  static List<RawRecord> generate(long seed, int count) {
    MimecastRecordGenerator generator = new MimecastRecordGenerator(seed);
    List<RawRecord> raw = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      raw.add(generator.next());
    }
    return raw;
  }

  static List<Event> normalizeAll(MimecastNormalizer normalizer, List<RawRecord> raw) {
    NormalizationContext siem = context(DataType.SIEM);
    NormalizationContext ttp = context(DataType.TTP_URL);
    List<Event> events = new ArrayList<>(raw.size());
    for (RawRecord r : raw) {
      NormalizationResult result = normalizer.normalize(r.json(), r.ttpUrl() ? ttp : siem);
      if (!result.quarantined().isEmpty()) {
        throw new IllegalStateException(
            "the generator produced a record the normalizer rejects: "
                + result.quarantined().get(0).reason());
      }
      events.addAll(result.events());
    }
    return events;
  }

  private static NormalizationContext context(DataType type) {
    return NormalizationContext.builder("tenant-1", "bench", type)
        .ingestTime(INGEST_TIME)
        .internalDomains(Set.of("corp.example", "lab.example"))
        .build();
  }

  /**
   * Commits each part as one stream from its own thread; returns the number of stored events.
   *
   * @param substringIndex whether the store writes the n-grams of CONTAINS (measured both ways in
   *     one run, because only ratios within a run are comparable on a shared machine)
   */
  private long storeIngest(Path dir, List<List<Event>> parts, boolean substringIndex)
      throws IOException, InterruptedException {
    LuceneStoreConfig config =
        new LuceneStoreConfig(
                dir, SchemaRegistry.standard(), settings.ramBufferMb(), Clock.systemUTC())
            .withSubstringIndex(substringIndex);
    try (LuceneEventStore store = LuceneEventStore.open(config)) {
      Workers.run(
          parts,
          (index, part) -> {
            StreamId stream = new StreamId("bench" + index, "siem");
            int size = settings.batchSize();
            for (int from = 0; from < part.size(); from += size) {
              List<Event> batch = part.subList(from, Math.min(part.size(), from + size));
              store.commit(
                  StoreBatch.of(stream, batch, Checkpoint.of("next", Integer.toString(from))));
            }
          });
      return store.count(EventQuery.all());
    }
  }

  @FunctionalInterface
  private interface Run {
    void run(Path directory) throws Exception;
  }

  private Measurement measure(String name, int threads, int units, Run run) throws IOException {
    double[] rates = new double[settings.repetitions()];
    for (int i = -settings.warmups(); i < settings.repetitions(); i++) {
      Path dir = Files.createTempDirectory(settings.workDirectory(), "bench-");
      try {
        System.gc();
        long start = System.nanoTime();
        run.run(dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (i >= 0) {
          rates[i] = units / seconds;
        }
        progress.accept(
            String.format(
                java.util.Locale.ROOT,
                "  %-24s T=%d %s: %,.0f /s",
                name,
                threads,
                i < 0 ? "warm-up" : "rep " + (i + 1),
                units / seconds));
      } catch (RuntimeException | IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(name + " failed", e);
      } finally {
        deleteRecursively(dir);
      }
    }
    return new Measurement(name, threads, rates);
  }

  private static void requireCount(long actual, long expected) {
    if (actual != expected) {
      throw new IllegalStateException("expected " + expected + " documents but found " + actual);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
