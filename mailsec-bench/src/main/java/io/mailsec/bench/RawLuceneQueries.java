package io.mailsec.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.WildcardQuery;

/**
 * The hand-written raw Lucene side of the query benchmark: the queries a Lucene programmer would
 * write against the store's index files, using the store's field names and encodings ({@code
 * _schema} term, {@code event_time} as a point and numeric doc value in microseconds, keyword
 * fields as folded terms with sorted-set doc values, {@code original_data} analyzed into lower-case
 * letter/digit runs, the event JSON in stored {@code _source}). Each method returns the number of
 * matching events (for aggregations: the sum of the counts), so both sides can be checked against
 * each other.
 */
final class RawLuceneQueries {
  private static final Sort NEWEST_FIRST =
      new Sort(
          new SortField("event_time", SortField.Type.LONG, true),
          new SortField("_sortid", SortField.Type.STRING));

  private static final Set<String> SOURCE = Set.of("_source");

  private RawLuceneQueries() {}

  /**
   * (a) and (b): the filter, newest first, top {@code n} with their stored JSON loaded (as text;
   * our path also parses it into events).
   */
  static long topNewest(IndexSearcher searcher, Query filter, int n) throws IOException {
    TopFieldDocs top =
        searcher.search(filter, new TopFieldCollectorManager(NEWEST_FIRST, n, Integer.MAX_VALUE));
    StoredFields stored = searcher.storedFields();
    long bytes = 0;
    for (ScoreDoc hit : top.scoreDocs) {
      bytes += stored.document(hit.doc, SOURCE).get("_source").length();
    }
    if (bytes == 0 && top.scoreDocs.length > 0) {
      throw new IllegalStateException("a hit without stored _source");
    }
    return top.totalHits.value;
  }

  /** Email events in {@code [fromMicros, toMicros)} matching {@code conditions}. */
  static Query emailWindow(long fromMicros, long toMicros, Query... conditions) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term("_schema", "email")), Occur.FILTER);
    b.add(LongPoint.newRangeQuery("event_time", fromMicros, toMicros - 1), Occur.FILTER);
    for (Query c : conditions) {
      b.add(c, Occur.FILTER);
    }
    return b.build();
  }

  static Query keyword(String field, String foldedValue) {
    return new TermQuery(new Term(field, foldedValue));
  }

  /** A single letter/digit run as a substring of one token (the run must be lower case). */
  static Query containsRun(String field, String run) {
    return new WildcardQuery(new Term(field, "*" + run + "*"));
  }

  /** (c) count by one keyword field: per-segment ordinal counters, merged by term. */
  static Map<String, Long> countBy(IndexSearcher searcher, Query filter, String field)
      throws IOException {
    Map<String, Long> total = new HashMap<>();
    Weight weight = weight(searcher, filter);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field);
      long[] counts = new long[(int) values.getValueCount()];
      forEachMatch(
          weight,
          leaf,
          doc -> {
            if (values.advanceExact(doc)) {
              for (int i = 0; i < values.docValueCount(); i++) {
                counts[(int) values.nextOrd()]++;
              }
            }
          });
      for (int ord = 0; ord < counts.length; ord++) {
        if (counts[ord] > 0) {
          total.merge(values.lookupOrd(ord).utf8ToString(), counts[ord], Long::sum);
        }
      }
    }
    return total;
  }

  /** (d) histogram: counts per {@code intervalMicros} bucket of the window, zeros included. */
  static long[] histogram(
      IndexSearcher searcher, Query filter, long fromMicros, long toMicros, long intervalMicros)
      throws IOException {
    long first = Math.floorDiv(fromMicros, intervalMicros);
    long last = Math.floorDiv(toMicros - 1, intervalMicros);
    long[] buckets = new long[(int) (last - first + 1)];
    Weight weight = weight(searcher, filter);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      NumericDocValues times = DocValues.getNumeric(leaf.reader(), "event_time");
      forEachMatch(
          weight,
          leaf,
          doc -> {
            if (times.advanceExact(doc)) {
              buckets[(int) (Math.floorDiv(times.longValue(), intervalMicros) - first)]++;
            }
          });
    }
    return buckets;
  }

  static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }

  static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  @FunctionalInterface
  private interface DocConsumer {
    void accept(int doc) throws IOException;
  }

  private static Weight weight(IndexSearcher searcher, Query filter) throws IOException {
    return searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
  }

  private static void forEachMatch(Weight weight, LeafReaderContext leaf, DocConsumer consumer)
      throws IOException {
    var scorer = weight.scorer(leaf);
    if (scorer == null) {
      return;
    }
    var it = scorer.iterator();
    var live = leaf.reader().getLiveDocs();
    for (int doc = it.nextDoc();
        doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
        doc = it.nextDoc()) {
      if (live == null || live.get(doc)) {
        consumer.accept(doc);
      }
    }
  }

  static List<String> fieldsForCountBy() {
    return List.of("sender_domain", "status", "action", "tls.cipher");
  }
}
