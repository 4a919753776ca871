package io.mailsec.store.lucene;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.Operands;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.HistogramBucket;
import io.mailsec.core.store.LedgerQuery;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.StoreException;
import io.mailsec.core.store.StreamId;
import io.mailsec.core.store.StreamStats;
import io.mailsec.core.store.TermsBucket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

/**
 * The read methods of {@link EventStore} over the index, shared by the writing store ({@link
 * LuceneEventStore}) and the read-only view ({@link ReadOnlyLuceneEventStore}) so that both answer
 * identically. Which commit a read sees is up to the {@link SearcherSource} of the owning store;
 * everything a read does happens on the one searcher it lends, so a read never mixes two commits.
 */
final class StoreReads {
  private static final Set<String> SOURCE_ONLY = Set.of(IndexFields.SOURCE);

  /** One read against a point-in-time searcher; may fail with an I/O error. */
  @FunctionalInterface
  interface SearchStep<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /**
   * Lends the owning store's current searcher for one step. Implementations check that the store is
   * usable, release the searcher afterwards and turn an {@link IOException} into a {@link
   * StoreException}.
   */
  interface SearcherSource {
    <T> T read(SearchStep<T> step);
  }

  private final SchemaRegistry registry;
  private final FieldTypes types;
  private final QueryTranslator translator;
  private final SearchSorts sorts;
  private final SearcherSource searchers;
  private final TermFingerprints fingerprints = new TermFingerprints();

  StoreReads(SchemaRegistry registry, FieldTypes types, SearcherSource searchers) {
    this.registry = registry;
    this.types = types;
    this.translator = new QueryTranslator(registry, types);
    this.sorts = new SearchSorts(types);
    this.searchers = searchers;
  }

  Optional<Checkpoint> checkpoint(StreamId stream) {
    Query query = new TermQuery(new Term(IndexFields.UID, IndexFields.checkpointUid(stream)));
    return searchers.read(
        searcher -> {
          TopDocs top = searcher.search(query, 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          String json = source(searcher.storedFields(), top.scoreDocs[0].doc);
          return Optional.of(LedgerDocuments.readCheckpoint(json).checkpoint());
        });
  }

  SearchResult search(SearchRequest request) {
    Query query = translator.events(request.query());
    Sort sort = sorts.sort(request.sort());
    FieldDoc cursor = request.cursor() == null ? null : SearchSorts.after(request, sort);
    int limit = request.limit();
    return searchers.read(
        searcher -> {
          int maxDoc = searcher.getIndexReader().maxDoc();
          if (maxDoc == 0) {
            return new SearchResult(List.of(), 0, null);
          }
          // searchAfter insists on a document number inside the reader; the sort values (which
          // end with the unique id) decide anyway.
          FieldDoc after =
              cursor == null ? null : new FieldDoc(maxDoc - 1, Float.NaN, cursor.fields);
          // One pass collects the page and counts every match (also those before the cursor):
          // an unbounded threshold keeps the total exact, which a separate count would cost a
          // second pass over the matches for.
          TopFieldDocs top =
              searcher.search(
                  query, new TopFieldCollectorManager(sort, limit + 1, after, Integer.MAX_VALUE));
          long total = top.totalHits.value;
          ScoreDoc[] hits = top.scoreDocs;
          int n = Math.min(hits.length, limit);
          StoredFields stored = searcher.storedFields();
          List<Event> events = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            events.add(EventJson.read(source(stored, hits[i].doc), registry));
          }
          String next =
              hits.length > limit ? SearchSorts.cursor(request, (FieldDoc) hits[n - 1]) : null;
          return new SearchResult(events, total, next);
        });
  }

  long count(EventQuery query) {
    Query lucene = translator.events(query);
    return searchers.read(searcher -> (long) searcher.count(lucene));
  }

  List<TermsBucket> countBy(EventQuery query, List<String> fields, int limit) {
    checkLimit(limit);
    TermsAggregation aggregation = TermsAggregation.countBy(types, fields, limit, fingerprints);
    Query lucene = translator.events(query);
    return searchers.read(searcher -> searcher.search(lucene, aggregation));
  }

  List<TermsBucket> histogramBy(EventQuery query, Duration interval, String field, int limit) {
    checkLimit(limit);
    long width = GroupKey.intervalMicros(interval);
    GroupKey value = GroupKey.field(types, field);
    // The query's range bounds the intervals that can match, which keeps a segment's intervals
    // dense even when its events span months.
    long first =
        query.from() == null ? Long.MIN_VALUE : Math.floorDiv(Operands.micros(query.from()), width);
    long last =
        query.to() == null ? Long.MAX_VALUE : Math.floorDiv(Operands.micros(query.to()) - 1, width);
    TermsAggregation aggregation =
        new TermsAggregation(
            List.of(GroupKey.interval(width, first, last), value),
            TermsAggregation.Order.BY_KEY,
            limit);
    Query lucene = translator.events(query);
    return searchers.read(searcher -> searcher.search(lucene, aggregation));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + SearchRequest.MAX_LIMIT);
    }
  }

  List<HistogramBucket> histogram(EventQuery query, Duration interval) {
    HistogramAggregation histogram = new HistogramAggregation(interval);
    boolean bounded = query.from() != null && query.to() != null;
    long first = 0;
    long last = -1;
    if (bounded) {
      long fromMicros = Operands.micros(query.from());
      long toMicros = Operands.micros(query.to());
      if (fromMicros >= toMicros) {
        return List.of();
      }
      first = histogram.bucketOf(fromMicros);
      last = histogram.bucketOf(toMicros - 1);
      histogram.checkSpan(first, last);
    }
    Query lucene = translator.events(query);
    HistogramAggregation collecting = bounded ? histogram.matchingOnly(first, last) : histogram;
    Map<Long, Long> counts = searchers.read(searcher -> searcher.search(lucene, collecting));
    if (!bounded) {
      if (counts.isEmpty()) {
        return List.of();
      }
      first = counts.keySet().stream().min(Long::compare).orElseThrow();
      last = counts.keySet().stream().max(Long::compare).orElseThrow();
    }
    return histogram.buckets(counts, first, last);
  }

  List<QuarantinedRecord> quarantined(LedgerQuery query) {
    return ledger(IndexFields.KIND_QUARANTINE, query, LedgerDocuments::readQuarantine);
  }

  List<Gap> gaps(LedgerQuery query) {
    return ledger(IndexFields.KIND_GAP, query, LedgerDocuments::readGap);
  }

  private <T> List<T> ledger(String kind, LedgerQuery query, Function<String, T> reader) {
    BooleanQuery.Builder lucene = new BooleanQuery.Builder();
    lucene.add(QueryTranslator.kind(kind), Occur.FILTER);
    if (query.stream() != null) {
      lucene.add(streamQuery(query.stream()), Occur.FILTER);
    }
    Sort newestFirst =
        new Sort(
            new SortField(IndexFields.RECORDED, SortField.Type.LONG, true),
            new SortField(IndexFields.SORT_ID, SortField.Type.STRING));
    return searchers.read(
        searcher -> {
          TopFieldDocs top = searcher.search(lucene.build(), query.limit(), newestFirst, false);
          StoredFields stored = searcher.storedFields();
          List<T> out = new ArrayList<>();
          for (ScoreDoc hit : top.scoreDocs) {
            out.add(reader.apply(source(stored, hit.doc)));
          }
          return out;
        });
  }

  List<StreamStats> streamStats() {
    return searchers.read(
        searcher -> {
          Query checkpoints = QueryTranslator.kind(IndexFields.KIND_CHECKPOINT);
          int n = searcher.count(checkpoints);
          if (n == 0) {
            return List.of();
          }
          StoredFields stored = searcher.storedFields();
          Map<StreamId, StreamStats> stats = new HashMap<>();
          for (ScoreDoc hit : searcher.search(checkpoints, n).scoreDocs) {
            LedgerDocuments.StoredCheckpoint cp =
                LedgerDocuments.readCheckpoint(source(stored, hit.doc));
            Query stream = streamQuery(cp.stream());
            int quarantined = searcher.count(ofKind(IndexFields.KIND_QUARANTINE, stream));
            int gaps = searcher.count(ofKind(IndexFields.KIND_GAP, stream));
            int checkpointDocs = searcher.count(ofKind(IndexFields.KIND_CHECKPOINT, stream));
            // Every document with a stream term is of one kind, and events are nearly all of
            // them: counting the stream's term (its document frequency in a segment without
            // deletions) and subtracting the few others is much cheaper than intersecting the
            // event kind with the stream.
            int events = searcher.count(stream) - quarantined - gaps - checkpointDocs;
            stats.put(
                cp.stream(),
                new StreamStats(
                    cp.stream(), cp.checkpoint(), cp.committedAt(), events, quarantined, gaps));
          }
          return stats.values().stream()
              .sorted(
                  Comparator.comparing((StreamStats s) -> s.stream().integrationId())
                      .thenComparing(s -> s.stream().dataType()))
              .toList();
        });
  }

  private static Query streamQuery(StreamId stream) {
    return new TermQuery(new Term(IndexFields.STREAM, IndexFields.streamKey(stream)));
  }

  private static Query ofKind(String kind, Query query) {
    return new BooleanQuery.Builder()
        .add(QueryTranslator.kind(kind), Occur.FILTER)
        .add(query, Occur.FILTER)
        .build();
  }

  private static String source(StoredFields stored, int doc) throws IOException {
    DocumentStoredFieldVisitor visitor = new DocumentStoredFieldVisitor(SOURCE_ONLY);
    stored.document(doc, visitor);
    String json = visitor.getDocument().get(IndexFields.SOURCE);
    if (json == null) {
      throw new StoreException("document " + doc + " has no stored source");
    }
    return json;
  }
}
