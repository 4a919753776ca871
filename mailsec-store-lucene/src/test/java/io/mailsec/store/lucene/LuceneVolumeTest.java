package io.mailsec.store.lucene;

import static io.mailsec.core.query.Predicates.eq;
import static io.mailsec.core.store.StoreFixtures.SIEM;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.HistogramBucket;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.SortKey;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StoreFixtures;
import io.mailsec.core.store.TermsBucket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enough events, with a 1 MB RAM buffer, for the index to consist of many flushed and merged
 * segments: paging, aggregation and deletes must come out the same as on one segment.
 */
class LuceneVolumeTest {
  private static final int EVENTS = 20_000;
  private static final String[] STATUSES = {"delivered", "held", "rejected", "bounced"};

  @TempDir Path directory;

  private static Event event(int i) {
    return StoreFixtures.event(
            "email",
            String.format(Locale.ROOT, "v%05d", i),
            StoreFixtures.T0.plusSeconds(i * 60L),
            SIEM)
        .put("status", STATUSES[i % STATUSES.length])
        .add("to_email_address", "user" + (i % 7) + "@corp.test")
        .put("message_size", (long) (i % 1000))
        .put("original_data", "{\"n\":" + i + ",\"text\":\"record number " + i + "\"}")
        .build();
  }

  @Test
  void manySegmentsGiveTheSameAnswersAsOne() {
    LuceneStoreConfig config = LuceneStoreConfig.defaults(directory).withRamBufferMb(1);
    try (LuceneEventStore store = LuceneEventStore.open(config)) {
      for (int start = 0; start < EVENTS; start += 2_000) {
        List<Event> batch = new ArrayList<>();
        for (int i = start; i < start + 2_000; i++) {
          batch.add(event(i));
        }
        store.commit(StoreBatch.of(SIEM, batch, Checkpoint.of("next", "" + (start + 2_000))));
      }
      assertThat(store.count(EventQuery.all())).isEqualTo(EVENTS);

      Set<String> seen = new HashSet<>();
      SearchRequest page =
          SearchRequest.of(EventQuery.all())
              .withSort(SortKey.asc("message_size"))
              .withLimit(SearchRequest.MAX_LIMIT);
      long previousSize = -1;
      while (true) {
        SearchResult result = store.search(page);
        for (Event e : result.events()) {
          assertThat(seen.add(e.id())).as(e.id()).isTrue();
          long size = (Long) e.first("message_size").orElseThrow();
          assertThat(size).isGreaterThanOrEqualTo(previousSize);
          previousSize = size;
        }
        if (result.nextCursor() == null) {
          break;
        }
        page = page.after(result.nextCursor());
      }
      assertThat(seen).hasSize(EVENTS);

      assertThat(store.countBy(EventQuery.all(), List.of("status"), 10))
          .extracting(TermsBucket::count)
          .containsExactly(5_000L, 5_000L, 5_000L, 5_000L);
      assertThat(store.countBy(EventQuery.all(), List.of("to_email_address"), 1))
          .containsExactly(new TermsBucket(List.of("user0@corp.test"), 2_858));
      List<HistogramBucket> days = store.histogram(EventQuery.all(), Duration.ofDays(1));
      assertThat(days.stream().mapToLong(HistogramBucket::count).sum()).isEqualTo(EVENTS);
      assertThat(store.count(EventQuery.where(eq("original_data", "x")))).isZero();

      store.deleteOlderThan(StoreFixtures.T0.plusSeconds(EVENTS / 2 * 60L));
      assertThat(store.count(EventQuery.all())).isEqualTo(EVENTS / 2);
    }
    try (LuceneEventStore reopened = LuceneEventStore.open(config)) {
      assertThat(reopened.count(EventQuery.all())).isEqualTo(EVENTS / 2);
      assertThat(reopened.checkpoint(SIEM)).contains(Checkpoint.of("next", "" + EVENTS));
    }
  }
}
