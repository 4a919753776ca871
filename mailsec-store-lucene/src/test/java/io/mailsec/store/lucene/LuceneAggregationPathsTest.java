package io.mailsec.store.lucene;

import static io.mailsec.core.query.Predicates.eq;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.HistogramBucket;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StoreFixtures;
import io.mailsec.core.store.TermsBucket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregation code paths the contract test's small fixtures do not reach: a segment whose event
 * times span more histogram buckets than are counted in an array, with and without a time range,
 * and counting by a keyword whose values spread over several segments.
 */
class LuceneAggregationPathsTest {
  private static final Instant T0 = StoreFixtures.T0;

  @TempDir Path directory;

  private static Event email(String id, Instant time, String status) {
    return StoreFixtures.event("email", id, time, StoreFixtures.SIEM).put("status", status).build();
  }

  @Test
  void histogramOfAWideSegmentCountsOnlyTheMatchingBuckets() {
    try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(directory))) {
      // One segment spanning 50,000 one-second buckets; only three of them match "held".
      store.commit(
          StoreBatch.of(
              StoreFixtures.SIEM,
              List.of(
                  email("w1", T0, "held"),
                  email("w2", T0.plusSeconds(2), "held"),
                  email("w3", T0.plusSeconds(2).plusMillis(500), "held"),
                  email("w4", T0.plusSeconds(50_000), "delivered")),
              Checkpoint.of("position", "1")));
      List<HistogramBucket> expected =
          List.of(
              new HistogramBucket(T0, 1),
              new HistogramBucket(T0.plusSeconds(1), 0),
              new HistogramBucket(T0.plusSeconds(2), 2));
      EventQuery held = EventQuery.where(eq("status", "held"));
      assertThat(store.histogram(held, Duration.ofSeconds(1))).isEqualTo(expected);
      assertThat(store.histogram(held.between(T0, T0.plusSeconds(3)), Duration.ofSeconds(1)))
          .isEqualTo(expected);
      assertThat(
              store.histogram(
                  EventQuery.all().between(T0.plusSeconds(49_999), T0.plusSeconds(50_001)),
                  Duration.ofSeconds(1)))
          .containsExactly(
              new HistogramBucket(T0.plusSeconds(49_999), 0),
              new HistogramBucket(T0.plusSeconds(50_000), 1));
    }
  }

  @Test
  void countByMergesOrdinalCountsOfManySegments() {
    try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(directory))) {
      // One commit per batch: separate segments, each with its own ordinals.
      String[] statuses = {"held", "delivered", "bounced", "Held"};
      long[] expected = new long[3];
      for (int batch = 0; batch < 6; batch++) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i <= batch; i++) {
          int s = (batch + i) % statuses.length;
          events.add(email("c" + batch + "-" + i, T0.plusSeconds(i), statuses[s]));
          expected[s == 3 ? 0 : s]++;
        }
        store.commit(
            StoreBatch.of(StoreFixtures.SIEM, events, Checkpoint.of("position", "p" + batch)));
      }
      List<TermsBucket> buckets = store.countBy(EventQuery.all(), List.of("status"), 10);
      assertThat(buckets)
          .extracting(TermsBucket::value)
          .containsExactlyInAnyOrder("held", "delivered", "bounced");
      for (TermsBucket bucket : buckets) {
        int s = List.of("held", "delivered", "bounced").indexOf((String) bucket.value());
        assertThat(bucket.count()).as(bucket.toString()).isEqualTo(expected[s]);
      }
    }
  }
}
