package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class CachingSearcherFactoryTest {
  /** Counts by visiting every match, as the store's aggregations do (a plain count may not). */
  private static int matches(IndexSearcher searcher, Query query) throws Exception {
    AtomicInteger seen = new AtomicInteger();
    searcher.search(
        query,
        new CollectorManager<SimpleCollector, Integer>() {
          @Override
          public SimpleCollector newCollector() {
            return new SimpleCollector() {
              @Override
              public void collect(int doc) {
                seen.incrementAndGet();
              }

              @Override
              public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
              }
            };
          }

          @Override
          public Integer reduce(Collection<SimpleCollector> collectors) {
            return seen.get();
          }
        });
    return seen.get();
  }

  /** A repeated filter is cached for a segment far smaller than the average one too. */
  @Test
  void cachesTheFiltersOfSmallSegments() throws Exception {
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer =
          new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
        for (int segment : new int[] {60_000, CachingSearcherFactory.MIN_CACHED_SEGMENT_DOCS}) {
          for (int i = 0; i < segment; i++) {
            Document doc = new Document();
            doc.add(new LongPoint("t", i));
            writer.addDocument(doc);
          }
          writer.commit();
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertThat(reader.leaves()).hasSize(2);
        Query window = LongPoint.newRangeQuery("t", 100, 5_000);
        long before = CachingSearcherFactory.CACHE.getCacheCount();
        IndexSearcher searcher = new CachingSearcherFactory().newSearcher(reader, null);
        for (int i = 0; i < 5; i++) {
          assertThat(matches(searcher, window)).isEqualTo(2 * 4_901);
        }
        assertThat(CachingSearcherFactory.CACHE.getCacheCount() - before)
            .as("both segments' filters cached")
            .isEqualTo(2);

        // Lucene's default would have cached the large segment's only.
        LRUQueryCache lucenesDefault = new LRUQueryCache(1_000, 32L << 20);
        IndexSearcher plain = new IndexSearcher(reader);
        plain.setQueryCache(lucenesDefault);
        for (int i = 0; i < 5; i++) {
          matches(plain, window);
        }
        assertThat(lucenesDefault.getCacheCount()).isEqualTo(1);
      }
    }
  }
}
