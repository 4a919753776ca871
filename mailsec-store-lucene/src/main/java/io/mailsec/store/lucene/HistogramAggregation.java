package io.mailsec.store.lucene;

import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.HistogramBucket;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Counts matching events per epoch-aligned interval of {@code event_time}. */
final class HistogramAggregation
    implements CollectorManager<HistogramAggregation.Counter, Map<Long, Long>> {
  /** Widest bucket span of a segment that is counted in an array (80 KB of counters). */
  private static final long MAX_ARRAY_BUCKETS = EventStore.MAX_HISTOGRAM_BUCKETS;

  private final long intervalMicros;

  /** Buckets outside these (inclusive) cannot match the query; they narrow a segment's span. */
  private final long firstMatching;

  private final long lastMatching;

  HistogramAggregation(Duration interval) {
    this(GroupKey.intervalMicros(interval), Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private HistogramAggregation(long intervalMicros, long firstMatching, long lastMatching) {
    this.intervalMicros = intervalMicros;
    this.firstMatching = firstMatching;
    this.lastMatching = lastMatching;
  }

  /**
   * The same aggregation for a query that matches only events in buckets {@code first} to {@code
   * last} (inclusive; its time range), which lets wide segments count into arrays too.
   */
  HistogramAggregation matchingOnly(long first, long last) {
    return new HistogramAggregation(intervalMicros, first, last);
  }

  /** Index of the bucket holding {@code micros}. */
  long bucketOf(long micros) {
    return Math.floorDiv(micros, intervalMicros);
  }

  /**
   * The buckets from {@code first} to {@code last} (bucket indexes, inclusive), zeros included.
   *
   * @throws IllegalArgumentException when that is more than {@link
   *     EventStore#MAX_HISTOGRAM_BUCKETS}
   */
  List<HistogramBucket> buckets(Map<Long, Long> counts, long first, long last) {
    checkSpan(first, last);
    List<HistogramBucket> out = new ArrayList<>();
    for (long b = first; b <= last; b++) {
      long startMicros = b * intervalMicros;
      Instant start =
          Instant.EPOCH
              .plusSeconds(Math.floorDiv(startMicros, 1_000_000L))
              .plusNanos(Math.floorMod(startMicros, 1_000_000L) * 1000L);
      out.add(new HistogramBucket(start, counts.getOrDefault(b, 0L)));
    }
    return out;
  }

  void checkSpan(long first, long last) {
    if (last - first + 1 > EventStore.MAX_HISTOGRAM_BUCKETS || last - first < 0) {
      throw new IllegalArgumentException(
          "the histogram would have more than "
              + EventStore.MAX_HISTOGRAM_BUCKETS
              + " buckets; choose a larger interval or a shorter time range");
    }
  }

  @Override
  public Counter newCollector() {
    return new Counter();
  }

  @Override
  public Map<Long, Long> reduce(Collection<Counter> collectors) {
    Map<Long, Long> total = new HashMap<>();
    for (Counter c : collectors) {
      c.addTo(total);
    }
    return total;
  }

  /**
   * Counts per bucket. A segment whose {@code event_time} values (from its points: the least and
   * greatest of the segment, deleted documents included) span at most {@link #MAX_ARRAY_BUCKETS}
   * buckets counts into an array indexed from its first bucket, without boxing or hashing per
   * document; a wider one (an outlier time) counts into a map.
   */
  final class Counter implements Collector {
    private final List<long[]> arrays = new ArrayList<>();
    private final List<Long> arrayFirstBuckets = new ArrayList<>();
    private final Map<Long, Long> sparse = new HashMap<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      NumericDocValues times = DocValues.getNumeric(context.reader(), IndexFields.EVENT_TIME);
      PointValues points = context.reader().getPointValues(IndexFields.EVENT_TIME);
      if (points != null) {
        long first =
            Math.max(
                firstMatching, bucketOf(LongPoint.decodeDimension(points.getMinPackedValue(), 0)));
        long last =
            Math.min(
                lastMatching, bucketOf(LongPoint.decodeDimension(points.getMaxPackedValue(), 0)));
        if (last >= first && last - first < MAX_ARRAY_BUCKETS) {
          long[] counts = new long[(int) (last - first + 1)];
          arrays.add(counts);
          arrayFirstBuckets.add(first);
          return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {}

            @Override
            public void collect(int doc) throws IOException {
              if (times.advanceExact(doc)) {
                counts[(int) (bucketOf(times.longValue()) - first)]++;
              }
            }
          };
        }
      }
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          if (times.advanceExact(doc)) {
            sparse.merge(bucketOf(times.longValue()), 1L, Long::sum);
          }
        }
      };
    }

    void addTo(Map<Long, Long> total) {
      for (int i = 0; i < arrays.size(); i++) {
        long[] counts = arrays.get(i);
        long first = arrayFirstBuckets.get(i);
        for (int b = 0; b < counts.length; b++) {
          if (counts[b] > 0) {
            total.merge(first + b, counts[b], Long::sum);
          }
        }
      }
      sparse.forEach((bucket, count) -> total.merge(bucket, count, Long::sum));
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
