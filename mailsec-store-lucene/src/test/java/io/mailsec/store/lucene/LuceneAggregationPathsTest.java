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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregation code paths the contract test's small fixtures do not reach: a segment whose event
 * times span more histogram buckets than are counted in an array, with and without a time range;
 * counting by a keyword whose values spread over several segments; the largest groups of one field
 * merged across segments by term bytes (ties, ip values whose text order is not their byte order)
 * and, for many distinct keywords, by fingerprints; combinations too many for an array; split
 * histograms over a span too wide for an array.
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

  private static Event emailFrom(String id, Instant time, String sender, String ip) {
    return StoreFixtures.event("email", id, time, StoreFixtures.SIEM)
        .put("envelope_from", sender)
        .put("sender_ip", ip)
        .build();
  }

  @Test
  void largestGroupsAreMergedExactlyAcrossSegmentsWithTiesByValue() {
    try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(directory))) {
      // "b" is the most frequent value in no segment, yet has the largest total with "c".
      String[][] segments = {
        {"a", "a", "a", "b", "e"}, {"B", "c", "c", "c", "c"}, {"b", "d"}, {"b", "e"}, {"d"}
      };
      int n = 0;
      for (int i = 0; i < segments.length; i++) {
        List<Event> events = new ArrayList<>();
        for (String sender : segments[i]) {
          events.add(emailFrom("t" + n++, T0, sender, "10.0.0.1"));
        }
        store.commit(StoreBatch.of(StoreFixtures.SIEM, events, Checkpoint.of("position", "p" + i)));
      }
      List<TermsBucket> expected =
          List.of(
              new TermsBucket(List.of("b"), 4),
              new TermsBucket(List.of("c"), 4),
              new TermsBucket(List.of("a"), 3),
              new TermsBucket(List.of("d"), 2),
              new TermsBucket(List.of("e"), 2));
      assertLargestGroups(store, "envelope_from", expected, 1, 2, 3, 4, 5, 6);
    }
  }

  @Test
  void largestGroupsOfManyDistinctValuesAreExactThroughFingerprints() {
    LuceneStoreConfig config = LuceneStoreConfig.defaults(directory).withSubstringIndex(false);
    try (LuceneEventStore store = LuceneEventStore.open(config)) {
      // More distinct senders over the segments than TermsAggregation.MIN_FINGERPRINTED_GROUPS,
      // most of them once, a few often, with ties among the frequent ones.
      Map<Object, Long> counts = new HashMap<>();
      SplittableRandom random = new SplittableRandom(3);
      int n = 0;
      for (int batch = 0; batch < 3; batch++) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < TermsAggregation.MIN_FINGERPRINTED_GROUPS / 2; i++) {
          String sender =
              random.nextInt(20) == 0
                  ? "frequent" + random.nextInt(30) + "@x.test"
                  : "s" + n + "@x.test";
          events.add(emailFrom("f" + n++, T0, sender, "10.0.0.1"));
          counts.merge(sender, 1L, Long::sum);
        }
        store.commit(
            StoreBatch.of(StoreFixtures.SIEM, events, Checkpoint.of("position", "p" + batch)));
      }
      assertLargestGroups(
          store, "envelope_from", OrdinalTopMergeTest.largestFirst(counts), 1, 10, 31, 100);
    }
  }

  /** For each limit, counting by the field gives the first {@code limit} expected groups. */
  private static void assertLargestGroups(
      LuceneEventStore store, String field, List<TermsBucket> expected, int... limits) {
    for (int limit : limits) {
      assertThat(store.countBy(EventQuery.all(), List.of(field), limit))
          .as("limit " + limit)
          .isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
    }
  }

  @Test
  void largestIpGroupsTieByTheirTextNotByTheirBytes() {
    try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(directory))) {
      // Byte order: ::1, 9.0.0.1, 10.0.0.1, 100.0.0.1, 2001:db8::1; text order: 10.0.0.1,
      // 100.0.0.1, 2001:db8::1, 9.0.0.1, ::1.
      String[] ips = {"::1", "9.0.0.1", "10.0.0.1", "100.0.0.1", "2001:db8::1", "9.0.0.1"};
      for (int batch = 0; batch < 2; batch++) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < ips.length; i++) {
          events.add(emailFrom("ip" + batch + "-" + i, T0, "x", ips[i]));
        }
        store.commit(
            StoreBatch.of(StoreFixtures.SIEM, events, Checkpoint.of("position", "p" + batch)));
      }
      List<TermsBucket> expected =
          List.of(
              new TermsBucket(List.of("9.0.0.1"), 4),
              new TermsBucket(List.of("10.0.0.1"), 2),
              new TermsBucket(List.of("100.0.0.1"), 2),
              new TermsBucket(List.of("2001:db8::1"), 2),
              new TermsBucket(List.of("::1"), 2));
      assertLargestGroups(store, "sender_ip", expected, 1, 2, 3, 4, 5);
    }
  }

  @Test
  void combinationsTooManyForAnArrayAreCountedExactly() {
    try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(directory))) {
      // 1,100 senders x 1,100 recipients in one segment: more combinations than an array holds.
      int values = 1100;
      List<Event> events = new ArrayList<>();
      Map<List<Object>, Long> expected = new HashMap<>();
      for (int i = 0; i < values + 300; i++) {
        String from = "from" + (i % values);
        String to = "to" + ((i * 7) % values) + "@corp.test";
        events.add(
            StoreFixtures.event("email", "h" + i, T0, StoreFixtures.SIEM)
                .put("envelope_from", from)
                .add("to_email_address", to)
                .build());
        expected.merge(List.of(from, to), 1L, Long::sum);
      }
      store.commit(StoreBatch.of(StoreFixtures.SIEM, events, Checkpoint.of("position", "1")));
      List<TermsBucket> buckets =
          store.countBy(EventQuery.all(), List.of("envelope_from", "to_email_address"), 10_000);
      assertThat(buckets).hasSize(expected.size());
      for (TermsBucket bucket : buckets) {
        assertThat(bucket.count()).as(bucket.toString()).isEqualTo(expected.get(bucket.key()));
      }
      assertThat(buckets.get(0).count()).isEqualTo(2);
    }
  }

  @Test
  void splitHistogramOfAWideSegmentWithAndWithoutARange() {
    try (LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(directory))) {
      // One segment spanning 100,000 one-second intervals: too many for an array without a range.
      store.commit(
          StoreBatch.of(
              StoreFixtures.SIEM,
              List.of(
                  email("w1", T0, "held"),
                  email("w2", T0.plusMillis(500), "delivered"),
                  email("w3", T0.plusMillis(900), "held"),
                  email("w4", T0.plusSeconds(100_000), "held")),
              Checkpoint.of("position", "1")));
      Duration second = Duration.ofSeconds(1);
      List<TermsBucket> all =
          List.of(
              new TermsBucket(List.of(T0, "delivered"), 1),
              new TermsBucket(List.of(T0, "held"), 2),
              new TermsBucket(List.of(T0.plusSeconds(100_000), "held"), 1));
      assertThat(store.histogramBy(EventQuery.all(), second, "status", 10)).isEqualTo(all);
      assertThat(
              store.histogramBy(
                  EventQuery.all().between(T0, T0.plusSeconds(100_001)), second, "status", 10))
          .isEqualTo(all);
      assertThat(
              store.histogramBy(
                  EventQuery.all().between(T0.plusSeconds(1), T0.plusSeconds(100_001)),
                  second,
                  "status",
                  10))
          .isEqualTo(all.subList(2, 3));
      // A narrow range makes the same segment's intervals few enough for an array.
      assertThat(
              store.histogramBy(
                  EventQuery.all().between(T0.plusSeconds(99_999), T0.plusSeconds(100_001)),
                  second,
                  "status",
                  10))
          .isEqualTo(all.subList(2, 3));
      assertThat(store.histogramBy(EventQuery.all(), second, "status", 1))
          .isEqualTo(all.subList(0, 1));
    }
  }
}
