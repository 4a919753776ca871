package io.mailsec.store.lucene;

import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.TextFolding;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.store.TermsBucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts matching events per combination of {@link GroupKey} values, reading doc values, and
 * returns the first {@code limit} groups in the aggregation's {@link Order}. Each segment counts by
 * raw values ({@link SegmentGroups}); the merge turns a raw value into a typed value once per
 * segment and group, except for a single ordinal key ordered by count, which {@link
 * OrdinalTopMerge} merges by term bytes and decodes only the groups it returns.
 */
final class TermsAggregation
    implements CollectorManager<TermsAggregation.Counter, List<TermsBucket>> {
  /** How the groups are ordered before the first {@code limit} are taken. */
  enum Order {
    /**
     * Largest count first, ties by key ascending ({@link
     * io.mailsec.core.store.EventStore#countBy}).
     */
    LARGEST_FIRST,
    /** By key ascending ({@link io.mailsec.core.store.EventStore#histogramBy}). */
    BY_KEY
  }

  /** Cardinality up to which a segment's resolved values of a key are remembered by raw value. */
  private static final long MAX_CACHED_VALUES = 1 << 16;

  /**
   * Fewest counted groups of a single keyword key (summed over segments) that are merged by
   * fingerprints: below, decoding every counted term costs little.
   */
  static final long MIN_FINGERPRINTED_GROUPS = 8_192;

  private final List<GroupKey> keys;
  private final Order order;
  private final int limit;
  private final TermFingerprints fingerprints;

  TermsAggregation(List<GroupKey> keys, Order order, int limit) {
    this(keys, order, limit, null);
  }

  /**
   * Merges the groups of a single keyword key by {@code fingerprints} (if not null) when the
   * segments counted at least {@link #MIN_FINGERPRINTED_GROUPS} of them.
   */
  TermsAggregation(List<GroupKey> keys, Order order, int limit, TermFingerprints fingerprints) {
    this.keys = List.copyOf(keys);
    this.order = order;
    this.limit = limit;
    this.fingerprints = fingerprints;
  }

  /** Groups by 1 to 4 fields, largest count first. */
  static TermsAggregation countBy(
      FieldTypes types, List<String> fields, int limit, TermFingerprints fingerprints) {
    if (fields.isEmpty() || fields.size() > 4) {
      throw new IllegalArgumentException("count by needs 1 to 4 fields");
    }
    List<GroupKey> keys = new ArrayList<>();
    for (String field : fields) {
      keys.add(GroupKey.field(types, field));
    }
    return new TermsAggregation(keys, Order.LARGEST_FIRST, limit, fingerprints);
  }

  @Override
  public Counter newCollector() {
    return new Counter();
  }

  @Override
  public List<TermsBucket> reduce(Collection<Counter> collectors) throws IOException {
    List<SegmentGroups> segments = new ArrayList<>();
    collectors.forEach(c -> segments.addAll(c.segments));
    segments.forEach(SegmentGroups::finish); // in case a search skipped a leaf's finish()
    if (keys.size() == 1 && keys.get(0).isOrdinal() && order == Order.LARGEST_FIRST) {
      if (fingerprints != null
          && keys.get(0).type() == FieldType.KEYWORD
          && segments.stream().mapToLong(SegmentGroups::size).sum() >= MIN_FINGERPRINTED_GROUPS) {
        List<TermsBucket> top = FingerprintTopMerge.top(segments, fingerprints, limit);
        if (top != null) {
          return top;
        }
      }
      return OrdinalTopMerge.top(segments, keys.get(0).type(), limit);
    }
    Map<List<Object>, Long> total = new HashMap<>();
    for (SegmentGroups segment : segments) {
      Resolver resolver = new Resolver(segment);
      segment.forEach((raw, count) -> total.merge(resolver.key(raw), count, Long::sum));
    }
    return first(total);
  }

  private List<TermsBucket> first(Map<List<Object>, Long> counts) {
    Comparator<Map.Entry<List<Object>, Long>> byKey =
        Map.Entry.comparingByKey(TermsAggregation::compareKeys);
    Comparator<Map.Entry<List<Object>, Long>> sort =
        order == Order.BY_KEY
            ? byKey
            : Map.Entry.<List<Object>, Long>comparingByValue().reversed().thenComparing(byKey);
    return counts.entrySet().stream()
        .sorted(sort)
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

  /** Typed keys of one segment's groups, each key's values resolved once where that pays. */
  private static final class Resolver {
    private final SegmentGroups segment;
    private final Object[][] cache;

    Resolver(SegmentGroups segment) {
      this.segment = segment;
      this.cache = new Object[segment.keyCount()][];
      for (int i = 0; i < cache.length; i++) {
        long cardinality = segment.key(i).cardinality();
        if (cardinality >= 0 && cardinality <= MAX_CACHED_VALUES) {
          cache[i] = new Object[(int) cardinality];
        }
      }
    }

    List<Object> key(long[] raw) throws IOException {
      Object[] key = new Object[raw.length];
      for (int i = 0; i < raw.length; i++) {
        if (cache[i] == null) {
          key[i] = segment.key(i).resolve(raw[i]);
        } else {
          int at = (int) raw[i];
          if (cache[i][at] == null) {
            cache[i][at] = segment.key(i).resolve(raw[i]);
          }
          key[i] = cache[i][at];
        }
      }
      return List.of(key);
    }
  }

  /** Collects the segments of one search slice. */
  final class Counter implements Collector {
    private final List<SegmentGroups> segments = new ArrayList<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      GroupKey.Values[] values = new GroupKey.Values[keys.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = keys.get(i).open(context.reader());
      }
      SegmentGroups groups = new SegmentGroups(values);
      segments.add(groups);
      return groups.collector();
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
