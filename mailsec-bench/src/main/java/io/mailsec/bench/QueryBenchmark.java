package io.mailsec.bench;

import io.mailsec.bench.MimecastRecordGenerator.RawRecord;
import io.mailsec.core.event.Event;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QueryOptions;
import io.mailsec.core.ql.QueryResult;
import io.mailsec.core.ql.StoreQueryRunner;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;

/**
 * The query benchmark of issue 5: builds (or reuses) a store of generated events over 30 days, then
 * measures per query kind the latency of our path (query text through {@link QueryLanguage#plan}
 * and {@link StoreQueryRunner} on the {@link LuceneEventStore}) next to a hand-written raw Lucene
 * query ({@link RawLuceneQueries}) on the same index files. Both sides run each drawn query back to
 * back, with Lucene's query cache off, and must report the same number of hits, otherwise the run
 * fails instead of reporting.
 */
final class QueryBenchmark {
  /**
   * @param events events in the store (built when the directory holds no store)
   * @param directory the store's data directory
   * @param reuse use the store already in {@code directory} (it must hold {@code events} events)
   * @param warmups untimed rounds per kind
   * @param rounds timed rounds per kind
   * @param queriesPerRound queries per round, terms drawn at random
   * @param kinds the query kinds to measure (each draws the same queries whatever else runs), in
   *     {@link Kind} order
   */
  record Settings(
      int events,
      Path directory,
      boolean reuse,
      int batchSize,
      int warmups,
      int rounds,
      int queriesPerRound,
      long seed,
      Set<Kind> kinds) {
    Settings {
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("no query kind to measure");
      }
      kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }
  }

  /** The four query shapes of issue 5. */
  enum Kind {
    FILTER_SORT_HEAD("a", "(a) 2 fields + 24h + sort + head 100"),
    CONTAINS("b", "(b) CONTAINS original_data, 24h"),
    COUNT_BY("c", "(c) aggregate count by field, 7d"),
    HISTOGRAM("d", "(d) 7d hourly histogram");

    final String letter;
    final String label;

    Kind(String letter, String label) {
      this.letter = letter;
      this.label = label;
    }

    /** The kind of the letter {@code a} to {@code d}. */
    static Kind ofLetter(String letter) {
      for (Kind kind : values()) {
        if (kind.letter.equals(letter.strip())) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown query kind '" + letter + "'; use a, b, c or d");
    }
  }

  /** Latencies of one kind in milliseconds, one per timed query, sorted. */
  record Result(Kind kind, double[] oursMillis, double[] baselineMillis, long hits) {
    Result {
      oursMillis = oursMillis.clone();
      baselineMillis = baselineMillis.clone();
      Arrays.sort(oursMillis);
      Arrays.sort(baselineMillis);
    }

    static double percentile(double[] sorted, double p) {
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
  }

  /** One drawn query: its text for our path and the same work by hand. */
  private record Case(String text, Baseline baseline) {}

  /** One run of a case's hand-written baseline: its hits and how long it took. */
  private record BaselineRun(long hits, double millis) {
    static BaselineRun of(Case c, IndexSearcher searcher) throws IOException {
      long t0 = System.nanoTime();
      long hits = c.baseline().run(searcher);
      return new BaselineRun(hits, (System.nanoTime() - t0) / 1e6);
    }
  }

  @FunctionalInterface
  private interface Baseline {
    long run(IndexSearcher searcher) throws IOException;
  }

  /** Sampled field values of stored events, the candidates the queries are drawn from. */
  private record Sample(String status, String senderDomain, long eventMicros) {}

  private static final Instant INGEST_TIME = Instant.parse("2025-12-20T00:00:00Z");
  private static final long HOUR_MICROS = 3_600_000_000L;
  private static final long DAY_MICROS = 24 * HOUR_MICROS;

  /** Single letter/digit runs for CONTAINS: whole words, word parts and non-words. */
  private static final List<String> CONTAINS_RUNS =
      List.of(
          "invoice",
          "voice",
          "password",
          "urgent",
          "refund",
          "agenda",
          "ship",
          "webinar",
          "tax",
          "malicious",
          "aggressive",
          "pdf",
          "zzqx",
          "overdue",
          "phishing");

  private final Settings settings;
  private final Consumer<String> progress;
  private final QueryLanguage language = QueryLanguage.standard();
  private final StoreQueryRunner runner =
      new StoreQueryRunner(SchemaRegistry.standard(), QueryOptions.DEFAULTS);

  QueryBenchmark(Settings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  List<Result> run() throws IOException {
    // Both sides must measure the query, not a cached filter: the store's searchers take the
    // default cache when they are created, so it goes before the store opens.
    IndexSearcher.setDefaultQueryCache(null);
    LuceneStoreConfig config =
        new LuceneStoreConfig(
            settings.directory(), SchemaRegistry.standard(), 256, Clock.systemUTC());
    boolean exists = Files.isDirectory(settings.directory().resolve("index"));
    if (exists && !settings.reuse()) {
      throw new IllegalArgumentException(
          settings.directory() + " already holds a store; pass --reuse or choose an empty --dir");
    }
    try (LuceneEventStore store = LuceneEventStore.open(config)) {
      if (!exists) {
        build(store);
      }
      long stored = store.count(EventQuery.all());
      if (stored != settings.events()) {
        throw new IllegalStateException(
            "the store holds " + stored + " events, expected " + settings.events());
      }
      try (FSDirectory dir = FSDirectory.open(settings.directory().resolve("index"));
          DirectoryReader reader = DirectoryReader.open(dir)) {
        progress.accept(
            String.format(
                Locale.ROOT,
                "store: %,d events, %d segments, %,d MB",
                stored,
                reader.leaves().size(),
                sizeMb(settings.directory().resolve("index"))));
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        List<Sample> samples = sample(reader, new SplittableRandom(settings.seed()));
        List<Result> results = new ArrayList<>();
        for (Kind kind : settings.kinds()) {
          results.add(measure(kind, samples, store, searcher));
        }
        return results;
      }
    }
  }

  private void build(LuceneEventStore store) {
    MimecastRecordGenerator generator = new MimecastRecordGenerator(settings.seed());
    MimecastNormalizer normalizer = new MimecastNormalizer();
    NormalizationContext siem = context(DataType.SIEM);
    NormalizationContext ttp = context(DataType.TTP_URL);
    StreamId stream = new StreamId("bench", "siem");
    long start = System.nanoTime();
    for (int done = 0; done < settings.events(); ) {
      int n = Math.min(settings.batchSize(), settings.events() - done);
      List<Event> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        RawRecord r = generator.next();
        NormalizationResult result = normalizer.normalize(r.json(), r.ttpUrl() ? ttp : siem);
        if (result.events().size() != 1) {
          throw new IllegalStateException("the generator produced a record that is not 1 event");
        }
        batch.add(result.events().get(0));
      }
      done += n;
      store.commit(StoreBatch.of(stream, batch, Checkpoint.of("next", Integer.toString(done))));
      if (done % 100_000 == 0 || done == settings.events()) {
        progress.accept(
            String.format(
                Locale.ROOT,
                "  built %,d events (%.0f s)",
                done,
                (System.nanoTime() - start) / 1e9));
      }
    }
  }

  private static NormalizationContext context(DataType type) {
    return NormalizationContext.builder("tenant-1", "bench", type)
        .ingestTime(INGEST_TIME)
        .internalDomains(Set.of("corp.example", "lab.example"))
        .build();
  }

  /** Reads status, sender domain and time of random email events through the doc values. */
  private static List<Sample> sample(DirectoryReader reader, SplittableRandom random)
      throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (int attempt = 0; attempt < 20_000 && samples.size() < 1000; attempt++) {
      LeafReaderContext leaf = reader.leaves().get(random.nextInt(reader.leaves().size()));
      int doc = random.nextInt(leaf.reader().maxDoc());
      SortedSetDocValues status = DocValues.getSortedSet(leaf.reader(), "status");
      SortedSetDocValues domain = DocValues.getSortedSet(leaf.reader(), "sender_domain");
      NumericDocValues time = DocValues.getNumeric(leaf.reader(), "event_time");
      if (status.advanceExact(doc) && domain.advanceExact(doc) && time.advanceExact(doc)) {
        samples.add(
            new Sample(
                status.lookupOrd(status.nextOrd()).utf8ToString(),
                domain.lookupOrd(domain.nextOrd()).utf8ToString(),
                time.longValue()));
      }
    }
    if (samples.isEmpty()) {
      throw new IllegalStateException("no email event with status and sender_domain found");
    }
    return samples;
  }

  private Result measure(
      Kind kind, List<Sample> samples, LuceneEventStore store, IndexSearcher searcher)
      throws IOException {
    SplittableRandom random = new SplittableRandom(settings.seed() * 31 + kind.ordinal());
    int timed = settings.rounds() * settings.queriesPerRound();
    double[] ours = new double[timed];
    double[] baseline = new double[timed];
    long hits = 0;
    for (int round = -settings.warmups(); round < settings.rounds(); round++) {
      for (int q = 0; q < settings.queriesPerRound(); q++) {
        Case c = draw(kind, samples, random);
        // Whichever side runs second finds the query's postings and stored blocks in the CPU and
        // page caches; alternating the order keeps that from favouring one side.
        boolean oursFirst = (q & 1) == 0;
        BaselineRun base = oursFirst ? null : BaselineRun.of(c, searcher);
        long t0 = System.nanoTime();
        long ourHits = hits(kind, runner.run(language.plan(c.text(), INGEST_TIME), store));
        long t1 = System.nanoTime();
        if (oursFirst) {
          base = BaselineRun.of(c, searcher);
        }
        if (ourHits != base.hits()) {
          throw new IllegalStateException(
              kind.label
                  + ": our path found "
                  + ourHits
                  + " but the baseline "
                  + base.hits()
                  + " for "
                  + c.text());
        }
        if (round >= 0) {
          int i = round * settings.queriesPerRound() + q;
          ours[i] = (t1 - t0) / 1e6;
          baseline[i] = base.millis();
          hits += ourHits;
        }
      }
      progress.accept(
          String.format(
              Locale.ROOT,
              "  %s %s done",
              kind.label,
              round < 0 ? "warm-up" : "round " + (round + 1)));
    }
    return new Result(kind, ours, baseline, hits);
  }

  private static long hits(Kind kind, QueryResult result) {
    if (result instanceof QueryResult.Events events) {
      return events.matched();
    }
    QueryResult.Table table = (QueryResult.Table) result;
    int count = table.indexOf("count");
    return table.rows().stream().mapToLong(row -> ((Number) row.get(count)).longValue()).sum();
  }

  private static Case draw(Kind kind, List<Sample> samples, SplittableRandom random) {
    Sample s = samples.get(random.nextInt(samples.size()));
    return switch (kind) {
      case FILTER_SORT_HEAD -> {
        long to = s.eventMicros() + random.nextLong(DAY_MICROS);
        long from = to - DAY_MICROS;
        String text =
            String.format(
                Locale.ROOT,
                "FROM email WHERE status = '%s' AND sender_domain = '%s' %s"
                    + " | sort event_time desc | head 100",
                s.status(),
                s.senderDomain(),
                window(from, to));
        yield new Case(
            text,
            searcher ->
                RawLuceneQueries.topNewest(
                    searcher,
                    RawLuceneQueries.emailWindow(
                        from,
                        to,
                        RawLuceneQueries.keyword("status", s.status()),
                        RawLuceneQueries.keyword("sender_domain", s.senderDomain())),
                    100));
      }
      case CONTAINS -> {
        String run = CONTAINS_RUNS.get(random.nextInt(CONTAINS_RUNS.size()));
        long to = s.eventMicros() + random.nextLong(DAY_MICROS);
        long from = to - DAY_MICROS;
        String text =
            String.format(
                Locale.ROOT,
                "FROM email WHERE original_data CONTAINS '%s' %s | head 100",
                run,
                window(from, to));
        yield new Case(
            text,
            searcher ->
                RawLuceneQueries.topNewest(
                    searcher,
                    RawLuceneQueries.emailWindow(
                        from, to, RawLuceneQueries.containsRun("original_data", run)),
                    100));
      }
      case COUNT_BY -> {
        List<String> fields = RawLuceneQueries.fieldsForCountBy();
        String field = fields.get(random.nextInt(fields.size()));
        long to = s.eventMicros() + random.nextLong(DAY_MICROS);
        long from = to - 7 * DAY_MICROS;
        String text =
            String.format(
                Locale.ROOT, "FROM email %s | aggregate count by %s", window(from, to), field);
        yield new Case(
            text,
            searcher ->
                RawLuceneQueries.sum(
                    RawLuceneQueries.countBy(
                        searcher, RawLuceneQueries.emailWindow(from, to), field)));
      }
      case HISTOGRAM -> {
        // Whole hours, so that both sides have the same 168 buckets.
        long to = Math.floorDiv(s.eventMicros(), HOUR_MICROS) * HOUR_MICROS + HOUR_MICROS;
        long from = to - 7 * DAY_MICROS;
        String text =
            String.format(
                Locale.ROOT,
                "FROM email %s | aggregate count by bin(event_time, 1h)",
                window(from, to));
        yield new Case(
            text,
            searcher ->
                RawLuceneQueries.sum(
                    RawLuceneQueries.histogram(
                        searcher, RawLuceneQueries.emailWindow(from, to), from, to, HOUR_MICROS)));
      }
    };
  }

  private static String window(long fromMicros, long toMicros) {
    return "EARLIEST='" + instant(fromMicros) + "' LATEST='" + instant(toMicros) + "'";
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH
        .plusSeconds(Math.floorDiv(micros, 1_000_000L))
        .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static long sizeMb(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      long bytes = 0;
      for (Path f : files.toList()) {
        bytes += Files.size(f);
      }
      return bytes >> 20;
    }
  }
}
