package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.ql.MemoryQueryRunner;
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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTAINS, STARTSWITH and ENDSWITH on text fields through the n-gram index against the in-memory
 * reference: fixed edge cases (token boundaries, punctuation, unicode, needles shorter than an
 * n-gram, needle = whole token, at a token's start or end) and seeded random substrings, on stores
 * of format 2, of format 1, and of segments mixing both.
 */
class LuceneSubstringDuelTest {
  private static final Instant NOW = RandomQueries.NOW;
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();

  /** Few letters so that random needles often match; separators, case, unicode, surrogates. */
  private static final String[] PIECES = {
    "a", "b", "c", "A", "B", "ab", "abc", "ß", "İ", "i", "é", "É", "😀", "7", "0", " ", "-", ".",
    "\"", ":", "@", "_", ", "
  };

  private static final List<String> FIXED_TEXTS =
      List.of(
          "{\"Virus\":\"Eicar-Test\",\"Subject\":\"Invoice for March\"}",
          "invoice INVOICE invoiced reinvoice",
          "x@Y.com İstanbul 10.1.2.3 straße STRASSE",
          "😀smile😀 a😀b abc-def_ghi",
          "ab ab-ab abab",
          "",
          "...---...",
          "voice ship shipping relationship");

  private static final List<String> FIXED_NEEDLES =
      List.of(
          "virus",
          "VIRUS",
          "irus",
          "viru",
          "rus\":\"eicar",
          "eicar-te",
          "car-test",
          "invoice",
          "nvoic",
          "oiced",
          "reinvoice",
          "Invoice for",
          "e for m",
          "istanbul",
          "İST",
          "stanbu",
          "y.com",
          "@y",
          "1.2",
          "10.1.2.3",
          "straße",
          "ße",
          "raß",
          "strasse",
          "smile😀",
          "😀smi",
          "a😀b",
          "😀",
          "c-d",
          "abc-def_ghi",
          "f_g",
          "bab",
          "abab",
          "b-a",
          "ab ab",
          "ab",
          "a",
          "voice",
          "ship",
          "onship",
          "zzqx",
          ".-",
          "...",
          "-",
          " ");

  private final QueryLanguage ql = QueryLanguage.standard();
  private final MemoryQueryRunner memory = new MemoryQueryRunner(REGISTRY);
  private final StoreQueryRunner storeRunner =
      new StoreQueryRunner(REGISTRY, QueryOptions.DEFAULTS);

  @TempDir Path directory;

  @Test
  void fixedNeedlesGiveTheInMemoryResult() throws IOException {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < FIXED_TEXTS.size(); i++) {
      events.add(email("f" + i, FIXED_TEXTS.get(i), FIXED_TEXTS.get(FIXED_TEXTS.size() - 1 - i)));
    }
    try (LuceneEventStore store = open(directory)) {
      commit(store, events);
      assertThat(allSegmentsHaveGrams(directory)).containsOnly(true);
      for (String needle : FIXED_NEEDLES) {
        duel(store, events, needle);
      }
      // not vacuous: whole-token, in-token and cross-token matches are found
      assertThat(ids(store, "FROM email WHERE original_data CONTAINS 'nvoic'"))
          .containsExactlyInAnyOrder("f0", "f1");
      assertThat(ids(store, "FROM email WHERE original_data CONTAINS 'ab ab'"))
          .containsExactly("f4");
      assertThat(ids(store, "FROM email WHERE original_data CONTAINS 'onship'"))
          .containsExactly("f7");
    }
  }

  @Test
  void randomSubstringsGiveTheInMemoryResult() {
    for (long seed = 1; seed <= 6; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      List<Event> events = randomEvents(random, 60);
      try (LuceneEventStore store = open(directory.resolve("s" + seed))) {
        commit(store, events.subList(0, 30));
        commit(store, events.subList(30, events.size()));
        for (int i = 0; i < 60; i++) {
          duel(store, events, needle(random, events));
        }
      }
    }
  }

  @Test
  void aFormat1StoreAndMixedSegmentsKeepAnsweringExactly() throws IOException {
    SplittableRandom random = new SplittableRandom(99);
    List<Event> events = randomEvents(random, 90);
    LuceneStoreConfig config = LuceneStoreConfig.defaults(directory).withRamBufferMb(16);
    try (LuceneEventStore old = LuceneEventStore.openWritingFormat1(config)) {
      commit(old, events.subList(0, 30));
    }
    assertThat(format(directory)).isEqualTo("1");
    assertThat(allSegmentsHaveGrams(directory)).containsExactly(false);

    try (LuceneEventStore upgraded = LuceneEventStore.open(config)) {
      duelMany(upgraded, events.subList(0, 30), random, 30);
      commit(upgraded, events.subList(30, 60));
      assertThat(allSegmentsHaveGrams(directory)).containsExactlyInAnyOrder(false, true);
      duelMany(upgraded, events.subList(0, 60), random, 40);
    }
    assertThat(format(directory)).isEqualTo(LuceneEventStore.FORMAT);

    // a merge puts format-1 and format-2 documents into one segment
    try (LuceneEventStore merging = LuceneEventStore.open(config, w -> w.forceMerge(1))) {
      commit(merging, events.subList(60, 90));
      assertThat(allSegmentsHaveGrams(directory)).containsExactly(false);
      duelMany(merging, events, random, 40);
    }
  }

  @Test
  void withoutTheSubstringIndexResultsAreTheSame() throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    List<Event> events = randomEvents(random, 60);
    LuceneStoreConfig config =
        LuceneStoreConfig.defaults(directory).withRamBufferMb(16).withSubstringIndex(false);
    try (LuceneEventStore store = LuceneEventStore.open(config)) {
      commit(store, events.subList(0, 30));
      assertThat(allSegmentsHaveGrams(directory)).containsExactly(false);
      duelMany(store, events.subList(0, 30), random, 30);
    }
    try (LuceneEventStore store = LuceneEventStore.open(config.withSubstringIndex(true))) {
      commit(store, events.subList(30, 60));
      assertThat(allSegmentsHaveGrams(directory)).containsExactlyInAnyOrder(false, true);
      duelMany(store, events, random, 30);
    }
  }

  private void duelMany(
      LuceneEventStore store, List<Event> events, SplittableRandom random, int n) {
    for (int i = 0; i < n; i++) {
      duel(store, events, needle(random, events));
    }
  }

  private void duel(LuceneEventStore store, List<Event> events, String needle) {
    String quoted = needle; // the pieces hold no quote or backslash
    for (String query :
        List.of(
            "FROM email WHERE original_data CONTAINS '" + quoted + "'",
            "FROM email WHERE subject CONTAINS '" + quoted + "'",
            "FROM email WHERE original_data STARTSWITH '" + quoted + "'",
            "FROM email WHERE subject ENDSWITH '" + quoted + "'")) {
      QueryPlan plan = ql.plan(query, NOW);
      QueryResult expected = memory.run(plan, events);
      assertThat(storeRunner.run(plan, store)).as(query).isEqualTo(expected);
    }
  }

  private List<String> ids(LuceneEventStore store, String query) {
    QueryResult.Events result = (QueryResult.Events) storeRunner.run(ql.plan(query, NOW), store);
    return result.events().stream().map(Event::id).toList();
  }

  /** A substring of some event's text, its case changed at random, or now and then a random one. */
  private static String needle(SplittableRandom random, List<Event> events) {
    String needle;
    if (random.nextInt(8) == 0) {
      needle = randomText(random, 1 + random.nextInt(5));
    } else {
      String text = events.get(random.nextInt(events.size())).string("original_data").orElseThrow();
      int[] cps = text.codePoints().toArray();
      if (cps.length == 0) {
        return "a";
      }
      int start = random.nextInt(cps.length);
      int end = Math.min(cps.length, start + 1 + random.nextInt(10));
      needle = new String(cps, start, end - start);
    }
    return switch (random.nextInt(3)) {
      case 0 -> needle.toUpperCase(Locale.ROOT);
      case 1 -> needle.toLowerCase(Locale.ROOT);
      default -> needle;
    };
  }

  private static List<Event> randomEvents(SplittableRandom random, int n) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(
          email(
              "r" + i,
              randomText(random, random.nextInt(30)),
              randomText(random, random.nextInt(8))));
    }
    return events;
  }

  private static String randomText(SplittableRandom random, int pieces) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static Event email(String id, String originalData, String subject) {
    return StoreFixtures.event("email", id, NOW.minusSeconds(3600), StoreFixtures.SIEM)
        .put("original_data", originalData)
        .put("subject", subject)
        .build();
  }

  private static LuceneEventStore open(Path dir) {
    return LuceneEventStore.open(LuceneStoreConfig.defaults(dir).withRamBufferMb(16));
  }

  private static void commit(LuceneEventStore store, List<Event> events) {
    store.commit(
        StoreBatch.of(StoreFixtures.SIEM, events, Checkpoint.of("position", "" + events.size())));
  }

  private static String format(Path dataDir) throws IOException {
    try (FSDirectory dir = FSDirectory.open(dataDir.resolve("index"))) {
      return SegmentInfos.readLatestCommit(dir).getUserData().get(LuceneEventStore.FORMAT_KEY);
    }
  }

  /** Per segment of the latest commit that holds events: whether it answers through n-grams. */
  private static List<Boolean> allSegmentsHaveGrams(Path dataDir) throws IOException {
    List<Boolean> out = new ArrayList<>();
    try (FSDirectory dir = FSDirectory.open(dataDir.resolve("index"));
        DirectoryReader reader = DirectoryReader.open(dir)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        if (leaf.reader().docFreq(new org.apache.lucene.index.Term("_kind", "event")) > 0) {
          out.add(GramOrTermsQuery.hasGrams(leaf.reader()));
        }
      }
    }
    return out;
  }
}
