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
 * {@link OrdinalTopMerge} against counting by hand, over seeded random segments: single- and
 * multi-valued keywords and ip values, every limit from one to all groups, and the merge split into
 * one to five ranges of terms (which a store only does for large merges).
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
    List<TermsBucket> all =
        expected.getOrDefault(field, Map.of()).entrySet().stream()
            .sorted(
                Comparator.comparing((Map.Entry<Object, Long> e) -> -e.getValue())
                    .thenComparing(
                        e -> (String) e.getKey(), (a, b) -> TextFolding.compareCodePoints(a, b)))
            .map(e -> new TermsBucket(List.of(e.getKey()), e.getValue()))
            .toList();
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

  /** Each segment's counts of the field over its odd-numbered documents. */
  private static List<SegmentGroups> collect(DirectoryReader reader, String field, FieldType type)
      throws IOException {
    List<SegmentGroups> segments = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      GroupKey.Values values =
          new GroupKey.Ordinals(DocValues.getSortedSet(leaf.reader(), field), type);
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
