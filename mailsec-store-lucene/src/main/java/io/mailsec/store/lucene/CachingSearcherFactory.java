package io.mailsec.store.lucene;

import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.SearcherFactory;

/**
 * Searchers that share one query cache which also keeps the filters of segments smaller than half
 * the average segment. Lucene's default cache leaves those out, as such segments are quick to
 * search and soon merged away; but a store holds many between merges (the 5 M-event benchmark
 * store: 30 % of its events), and a dashboard asks each the same filters on every load: a panel's
 * filter over a fixed window (the server's dashboards use windows of whole intervals) is cheap to
 * answer from a cached bit set and costly to evaluate again from postings and points.
 */
class CachingSearcherFactory extends SearcherFactory {
  /** Segments with fewer documents are not cached: evaluating them costs about as much. */
  static final int MIN_CACHED_SEGMENT_DOCS = 10_000;

  static final LRUQueryCache CACHE =
      new LRUQueryCache(
          1_000,
          Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 20),
          leaf -> leaf.reader().maxDoc() >= MIN_CACHED_SEGMENT_DOCS,
          10f);

  @Override
  public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader)
      throws IOException {
    IndexSearcher searcher = super.newSearcher(reader, previousReader);
    searcher.setQueryCache(CACHE);
    return searcher;
  }
}
