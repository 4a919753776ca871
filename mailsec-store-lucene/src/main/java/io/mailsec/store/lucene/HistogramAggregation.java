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
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Counts matching events per epoch-aligned interval of {@code event_time}. */
final class HistogramAggregation
    implements CollectorManager<HistogramAggregation.Counter, Map<Long, Long>> {
  private final long intervalMicros;

  HistogramAggregation(Duration interval) {
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("histogram interval must be at least 1 second");
    }
    try {
      this.intervalMicros =
          Math.addExact(
              Math.multiplyExact(interval.getSeconds(), 1_000_000L), interval.getNano() / 1000);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("histogram interval is too large", e);
    }
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
      c.counts.forEach((bucket, count) -> total.merge(bucket, count, Long::sum));
    }
    return total;
  }

  final class Counter implements Collector {
    private final Map<Long, Long> counts = new HashMap<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      NumericDocValues times = DocValues.getNumeric(context.reader(), IndexFields.EVENT_TIME);
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          if (times.advanceExact(doc)) {
            counts.merge(bucketOf(times.longValue()), 1L, Long::sum);
          }
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
