package io.mailsec.store.lucene;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * Two queries that match the same documents, one through the n-gram fields and one through the
 * token terms: per segment, the n-gram query runs when every event document of the segment has
 * n-grams (the {@link IndexFields#GRAMS_MARKER} term), the term query otherwise. This keeps stores
 * written by format 1, and segments merged from both formats, correct while new segments get the
 * fast path.
 */
final class GramOrTermsQuery extends Query {
  private static final Term MARKER =
      new Term(IndexFields.GRAMS_MARKER, IndexFields.GRAMS_MARKER_VALUE);
  private static final Term EVENTS = new Term(IndexFields.KIND, IndexFields.KIND_EVENT);

  private final Query grams;
  private final Query terms;

  GramOrTermsQuery(Query grams, Query terms) {
    this.grams = Objects.requireNonNull(grams);
    this.terms = Objects.requireNonNull(terms);
  }

  /** True when every event document of the segment, deleted ones included, has n-grams. */
  static boolean hasGrams(LeafReader reader) throws IOException {
    return reader.docFreq(MARKER) == reader.docFreq(EVENTS);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query g = grams.rewrite(searcher);
    Query t = terms.rewrite(searcher);
    return g == grams && t == terms ? this : new GramOrTermsQuery(g, t);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
      throws IOException {
    Weight gramWeight = grams.createWeight(searcher, scoreMode, boost);
    Weight termWeight = terms.createWeight(searcher, scoreMode, boost);
    return new Weight(this) {
      private Weight pick(LeafReaderContext context) throws IOException {
        return hasGrams(context.reader()) ? gramWeight : termWeight;
      }

      @Override
      public Explanation explain(LeafReaderContext context, int doc) throws IOException {
        return pick(context).explain(context, doc);
      }

      @Override
      public Matches matches(LeafReaderContext context, int doc) throws IOException {
        return pick(context).matches(context, doc);
      }

      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        return pick(context).scorer(context);
      }

      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        return pick(context).scorerSupplier(context);
      }

      @Override
      public BulkScorer bulkScorer(LeafReaderContext context) throws IOException {
        return pick(context).bulkScorer(context);
      }

      @Override
      public int count(LeafReaderContext context) throws IOException {
        return pick(context).count(context);
      }

      @Override
      public boolean isCacheable(LeafReaderContext context) {
        return false; // which side runs depends on the segment; both are cheap to rerun
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    QueryVisitor sub = visitor.getSubVisitor(BooleanClause.Occur.SHOULD, this);
    grams.visit(sub);
    terms.visit(sub);
  }

  @Override
  public String toString(String defaultField) {
    return "grams("
        + grams.toString(defaultField)
        + ") or terms("
        + terms.toString(defaultField)
        + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && grams.equals(((GramOrTermsQuery) other).grams)
        && terms.equals(((GramOrTermsQuery) other).terms);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), grams, terms);
  }
}
