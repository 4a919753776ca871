package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.query.TextFolding;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.IpLiterals;
import io.mailsec.core.store.TermsBucket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OrdinalTopMerge} and {@link FingerprintTopMerge} against counting by hand, over seeded
 * random segments: single- and multi-valued keywords and ip values, every limit from one to all
 * groups, and the merge by terms split into one to five ranges of terms (which a store only does
 * for large merges). The merge by fingerprints must either be exact or give no answer: it does give
 * one with a real hash, and gives none when fingerprints collide, when a tie is too large or when
 * the fingerprints do not fit in their budget.
 */
class OrdinalTopMergeTest {
  @TempDir Path directory;

  @Test
  void largestGroupsAreExactWhateverTheLimitAndTheSplit() throws IOException {
    for (long seed = 1; seed <= 6; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Map<String, Map<Object, Long>> expected = new HashMap<>();
      try (Directory dir = FSDirectory.open(directory.resolve("s" + seed))) {
        writeSegments(dir, random, expected);
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
          TermFingerprints fingerprints = new TermFingerprints(1 << 20, TermFingerprints::hash);
          checkFingerprints(reader, "sender", expected, seed, fingerprints);
          checkFingerprints(reader, "recipients", expected, seed, fingerprints);
          check(reader, "sender", FieldType.KEYWORD, expected, seed);
          check(reader, "recipients", FieldType.KEYWORD, expected, seed);
          check(reader, "ip", FieldType.IP, expected, seed);
        }
      }
    }
  }

  /**
   * Several segments of documents with a skewed sender, 0 to 3 recipients and an ip; counts by hand
   * the documents whose number is odd, the ones {@link #check} collects.
   */
  private static void writeSegments(
      Directory dir, SplittableRandom random, Map<String, Map<Object, Long>> expected)
      throws IOException {
    IndexWriterConfig config = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      int segments = 1 + random.nextInt(6);
      for (int s = 0; s < segments; s++) {
        int docs = random.nextInt(400);
        for (int d = 0; d < docs; d++) {
          Document doc = new Document();
          boolean counted = d % 2 == 1;
          double skew = random.nextDouble();
          String sender = "s" + (int) (300 * skew * skew) + "@d.test";
          doc.add(new SortedDocValuesField("sender", new BytesRef(sender)));
          count(expected, "sender", sender, counted);
          List<String> recipients = new ArrayList<>();
          for (int r = random.nextInt(4); r > 0; r--) {
            String recipient = "u" + random.nextInt(40);
            if (!recipients.contains(recipient)) {
              recipients.add(recipient);
              doc.add(new SortedSetDocValuesField("recipients", new BytesRef(recipient)));
              count(expected, "recipients", recipient, counted);
            }
          }
          byte[] ip = new byte[16];
          ip[15] = (byte) random.nextInt(12);
          if (random.nextBoolean()) {
            ip[10] = (byte) 0xff; // IPv4-mapped: its text sorts apart from its bytes
            ip[11] = (byte) 0xff;
            ip[12] = (byte) (9 + random.nextInt(3) * 45);
          }
          doc.add(new SortedDocValuesField("ip", new BytesRef(ip)));
          count(expected, "ip", IpLiterals.format(ip), counted);
          writer.addDocument(doc);
        }
        writer.commit();
      }
    }
  }

  private static void count(
      Map<String, Map<Object, Long>> expected, String field, String value, boolean counted) {
    if (counted) {
      expected.computeIfAbsent(field, f -> new HashMap<>()).merge(value, 1L, Long::sum);
    }
  }

  private static void check(
      DirectoryReader reader,
      String field,
      FieldType type,
      Map<String, Map<Object, Long>> expected,
      long seed)
      throws IOException {
    List<TermsBucket> all = largestFirst(expected.getOrDefault(field, Map.of()));
    for (int limit : new int[] {1, 2, 5, 17, all.size() + 1}) {
      for (int parts = 1; parts <= 5; parts++) {
        List<TermsBucket> top =
            OrdinalTopMerge.top(collect(reader, field, type), type, limit, parts);
        assertThat(top)
            .as("seed %d, %s, limit %d, %d parts", seed, field, limit, parts)
            .isEqualTo(all.subList(0, Math.min(limit, all.size())));
      }
    }
  }

  private static void checkFingerprints(
      DirectoryReader reader,
      String field,
      Map<String, Map<Object, Long>> expected,
      long seed,
      TermFingerprints fingerprints)
      throws IOException {
    List<TermsBucket> all = largestFirst(expected.getOrDefault(field, Map.of()));
    // A fingerprint of the length only: different terms of one length collide.
    TermFingerprints colliding = new TermFingerprints(1 << 20, term -> term.length);
    for (int limit : new int[] {1, 2, 5, 17, all.size() + 1}) {
      List<SegmentGroups> segments = collect(reader, field, FieldType.KEYWORD);
      assertThat(FingerprintTopMerge.top(segments, fingerprints, limit))
          .as("seed %d, %s, limit %d", seed, field, limit)
          .isEqualTo(all.subList(0, Math.min(limit, all.size())));
      if (!all.isEmpty()) {
        assertThat(FingerprintTopMerge.top(segments, colliding, limit))
            .as("colliding fingerprints, seed %d, %s, limit %d", seed, field, limit)
            .isNull();
      }
    }
  }

  @Test
  void fingerprintsAreKeptWithinTheirBudgetUntilTheSegmentCloses() throws IOException {
    try (Directory dir = FSDirectory.open(directory.resolve("budget"))) {
      writeSegments(dir, new SplittableRandom(7), new HashMap<>());
      TermFingerprints fingerprints = new TermFingerprints(1 << 20, TermFingerprints::hash);
      TermFingerprints none = new TermFingerprints(0, TermFingerprints::hash);
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        List<SegmentGroups> segments = collect(reader, "sender", FieldType.KEYWORD);
        assertThat(FingerprintTopMerge.top(segments, none, 5)).isNull();
        assertThat(none.usedBytes()).isZero();
        assertThat(FingerprintTopMerge.top(segments, fingerprints, 5)).isNotNull();
        long terms = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
          terms += DocValues.getSortedSet(leaf.reader(), "sender").getValueCount();
        }
        assertThat(fingerprints.usedBytes()).isEqualTo(terms * Long.BYTES);
        FingerprintTopMerge.top(collect(reader, "sender", FieldType.KEYWORD), fingerprints, 5);
        assertThat(fingerprints.usedBytes()).as("computed once").isEqualTo(terms * Long.BYTES);
      }
      assertThat(fingerprints.usedBytes()).as("released with the segments").isZero();
    }
  }

  @Test
  void aTieTooLargeToDecodeGivesNoAnswer() throws IOException {
    IndexWriterConfig config = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE);
    try (Directory dir = FSDirectory.open(directory.resolve("ties"))) {
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        for (int d = 0; d < 2 * (FingerprintTopMerge.MAX_TIED + 1); d++) {
          Document doc = new Document();
          doc.add(new SortedDocValuesField("sender", new BytesRef("s" + d)));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        TermFingerprints fingerprints = new TermFingerprints(1 << 24, TermFingerprints::hash);
        // the odd documents: MAX_TIED + 1 senders counted once each
        List<SegmentGroups> segments = collect(reader, "sender", FieldType.KEYWORD);
        assertThat(FingerprintTopMerge.top(segments, fingerprints, 10)).isNull();
        assertThat(OrdinalTopMerge.top(segments, FieldType.KEYWORD, 10)).hasSize(10);
      }
    }
  }

  /** The groups of a count by one string field in countBy's order: largest first, ties by value. */
  static List<TermsBucket> largestFirst(Map<Object, Long> counts) {
    return counts.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Object, Long> e) -> -e.getValue())
                .thenComparing(
                    e -> (String) e.getKey(), (a, b) -> TextFolding.compareCodePoints(a, b)))
        .map(e -> new TermsBucket(List.of(e.getKey()), e.getValue()))
        .toList();
  }

  /** Each segment's counts of the field over its odd-numbered documents. */
  private static List<SegmentGroups> collect(DirectoryReader reader, String field, FieldType type)
      throws IOException {
    List<SegmentGroups> segments = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      GroupKey.Values values = new GroupKey.Ordinals(leaf.reader(), field, type);
      SegmentGroups groups = new SegmentGroups(new GroupKey.Values[] {values});
      for (int doc = 1; doc < leaf.reader().maxDoc(); doc += 2) {
        groups.collect(doc);
      }
      groups.finish();
      segments.add(groups);
    }
    return segments;
  }
}
