package io.mailsec.store.lucene;

import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.TextFolding;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.IpLiterals;
import io.mailsec.core.store.TermsBucket;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Counts matching events per combination of field values, reading doc values. Within a segment
 * values are counted by their raw form (ordinal or long) and turned into typed values once per
 * distinct combination at the end.
 */
final class TermsAggregation
    implements CollectorManager<TermsAggregation.Counter, Map<List<Object>, Long>> {
  private final List<String> fields;
  private final List<FieldType> fieldTypes;

  TermsAggregation(FieldTypes types, List<String> fields) {
    if (fields.isEmpty() || fields.size() > 4) {
      throw new IllegalArgumentException("count by needs 1 to 4 fields");
    }
    this.fields = List.copyOf(fields);
    this.fieldTypes = new ArrayList<>();
    for (String field : fields) {
      FieldType type = types.require(field);
      if (type == FieldType.TEXT || type == FieldType.OBJECT) {
        throw new IllegalArgumentException(
            "cannot count by '" + field + "': it is " + type.wireName());
      }
      fieldTypes.add(type);
    }
  }

  /** The {@code limit} largest groups, ties by key ascending. */
  static List<TermsBucket> top(Map<List<Object>, Long> counts, int limit) {
    Comparator<Map.Entry<List<Object>, Long>> order =
        Map.Entry.<List<Object>, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry::getKey, TermsAggregation::compareKeys);
    return counts.entrySet().stream()
        .sorted(order)
        .limit(limit)
        .map(e -> new TermsBucket(e.getKey(), e.getValue()))
        .toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c =
          x instanceof String s && y instanceof String t
              ? TextFolding.compareCodePoints(s, t)
              : ((Comparable) x).compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public Counter newCollector() {
    return new Counter();
  }

  @Override
  public Map<List<Object>, Long> reduce(Collection<Counter> collectors) throws IOException {
    Map<List<Object>, Long> total = new HashMap<>();
    for (Counter counter : collectors) {
      counter.resolveInto(total);
    }
    return total;
  }

  /** Reads one field's values of the current document in raw form. */
  private interface RawValues {
    /** Distinct raw values of {@code doc}; empty when it has none. */
    long[] read(int doc) throws IOException;

    Object resolve(long raw) throws IOException;
  }

  private RawValues open(LeafReader reader, String field, FieldType type) throws IOException {
    switch (type) {
      case KEYWORD, BOOLEAN, IP -> {
        SortedSetDocValues values = DocValues.getSortedSet(reader, field);
        return new RawValues() {
          @Override
          public long[] read(int doc) throws IOException {
            if (!values.advanceExact(doc)) {
              return new long[0];
            }
            long[] ords = new long[values.docValueCount()];
            for (int i = 0; i < ords.length; i++) {
              ords[i] = values.nextOrd();
            }
            return ords; // ordinals of one document are distinct
          }

          @Override
          public Object resolve(long ord) throws IOException {
            return ordinalValue(values.lookupOrd(ord), type);
          }
        };
      }
      default -> {
        SortedNumericDocValues values = DocValues.getSortedNumeric(reader, field);
        return new RawValues() {
          @Override
          public long[] read(int doc) throws IOException {
            if (!values.advanceExact(doc)) {
              return new long[0];
            }
            Set<Long> distinct = new LinkedHashSet<>();
            for (int i = 0, n = values.docValueCount(); i < n; i++) {
              distinct.add(values.nextValue());
            }
            return distinct.stream().mapToLong(Long::longValue).toArray();
          }

          @Override
          public Object resolve(long raw) {
            return switch (type) {
              case DOUBLE -> NumericUtils.sortableLongToDouble(raw);
              case TIMESTAMP ->
                  Instant.EPOCH
                      .plusSeconds(Math.floorDiv(raw, 1_000_000L))
                      .plusNanos(Math.floorMod(raw, 1_000_000L) * 1000L);
              default -> raw;
            };
          }
        };
      }
    }
  }

  /** Collects all segments of one search; keeps the raw counts of each segment. */
  final class Counter implements Collector {
    private final List<SegmentResult> segments = new ArrayList<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      if (fields.size() == 1 && isOrdinalType(fieldTypes.get(0))) {
        OrdinalCounts counts =
            new OrdinalCounts(
                DocValues.getSortedSet(context.reader(), fields.get(0)), fieldTypes.get(0));
        segments.add(counts);
        return counts.collector();
      }
      RawValues[] readers = new RawValues[fields.size()];
      for (int i = 0; i < readers.length; i++) {
        readers[i] = open(context.reader(), fields.get(i), fieldTypes.get(i));
      }
      SegmentCounts counts = new SegmentCounts(readers);
      segments.add(counts);
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          counts.add(doc);
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    void resolveInto(Map<List<Object>, Long> total) throws IOException {
      for (SegmentResult segment : segments) {
        segment.resolveInto(total);
      }
    }
  }

  private static boolean isOrdinalType(FieldType type) {
    return type == FieldType.KEYWORD || type == FieldType.BOOLEAN || type == FieldType.IP;
  }

  private static Object ordinalValue(BytesRef bytes, FieldType type) {
    return switch (type) {
      case BOOLEAN -> Boolean.valueOf(bytes.utf8ToString());
      case IP -> IpLiterals.format(BytesRef.deepCopyOf(bytes).bytes);
      default -> bytes.utf8ToString();
    };
  }

  /** The counts one segment collected, turned into typed keys at the end of the search. */
  private interface SegmentResult {
    void resolveInto(Map<List<Object>, Long> total) throws IOException;
  }

  /**
   * Counts by one ordinal field with one counter per ordinal of the segment: no allocation and no
   * hashing per document, and each distinct value is looked up once. The ordinals of one document
   * are distinct, so a document counts once per value. Counters are ints: a segment holds fewer
   * than 2^31 documents.
   */
  private static final class OrdinalCounts implements SegmentResult {
    private final SortedSetDocValues values;
    private final SortedDocValues single;
    private final FieldType type;
    private final int[] counts;

    OrdinalCounts(SortedSetDocValues values, FieldType type) {
      this.values = values;
      this.single = DocValues.unwrapSingleton(values);
      this.type = type;
      this.counts = new int[Math.toIntExact(values.getValueCount())];
    }

    LeafCollector collector() {
      if (single != null) {
        return new LeafCollector() {
          @Override
          public void setScorer(Scorable scorer) {}

          @Override
          public void collect(int doc) throws IOException {
            if (single.advanceExact(doc)) {
              counts[single.ordValue()]++;
            }
          }
        };
      }
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          if (values.advanceExact(doc)) {
            for (int i = 0, n = values.docValueCount(); i < n; i++) {
              counts[(int) values.nextOrd()]++;
            }
          }
        }
      };
    }

    @Override
    public void resolveInto(Map<List<Object>, Long> total) throws IOException {
      for (int ord = 0; ord < counts.length; ord++) {
        if (counts[ord] > 0) {
          BytesRef bytes = single != null ? single.lookupOrd(ord) : values.lookupOrd(ord);
          total.merge(List.of(ordinalValue(bytes, type)), (long) counts[ord], Long::sum);
        }
      }
    }
  }

  private static final class SegmentCounts implements SegmentResult {
    private final RawValues[] readers;
    private final Map<List<Long>, long[]> counts = new HashMap<>();

    SegmentCounts(RawValues[] readers) {
      this.readers = readers;
    }

    void add(int doc) throws IOException {
      long[][] values = new long[readers.length][];
      for (int i = 0; i < readers.length; i++) {
        values[i] = readers[i].read(doc);
        if (values[i].length == 0) {
          return;
        }
      }
      combine(values, 0, new Long[readers.length]);
    }

    private void combine(long[][] values, int field, Long[] key) {
      if (field == values.length) {
        counts.computeIfAbsent(List.of(key.clone()), k -> new long[1])[0]++;
        return;
      }
      for (long value : values[field]) {
        key[field] = value;
        combine(values, field + 1, key);
      }
    }

    @Override
    public void resolveInto(Map<List<Object>, Long> total) throws IOException {
      for (Map.Entry<List<Long>, long[]> e : counts.entrySet()) {
        List<Object> key = new ArrayList<>(readers.length);
        for (int i = 0; i < readers.length; i++) {
          key.add(readers[i].resolve(e.getKey().get(i)));
        }
        total.merge(List.copyOf(key), e.getValue()[0], Long::sum);
      }
    }
  }
}
