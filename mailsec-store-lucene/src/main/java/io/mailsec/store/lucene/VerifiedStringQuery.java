package io.mailsec.store.lucene;

import io.mailsec.core.query.Regex;
import io.mailsec.core.query.TextFolding;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Matches the candidates of an approximation query whose stored event has a value of {@code field}
 * that passes a {@link StringTest}. Used where the index cannot decide a string operator exactly:
 * keyword values longer than the indexed prefix, text fields (indexed as tokens), and regular
 * expressions. The approximation must match at least every document that passes; each candidate's
 * {@code _source} is checked in the second phase of a {@link TwoPhaseIterator}, so counting,
 * sorting and aggregating see only true matches.
 */
final class VerifiedStringQuery extends Query {
  /** A test of one stored value, with the semantics of {@code PredicateEvaluator}. */
  sealed interface StringTest {
    boolean test(String value);
  }

  /** The folded value contains {@code folded}. */
  record ContainsTest(String folded) implements StringTest {
    ContainsTest {
      folded = TextFolding.fold(folded);
    }

    @Override
    public boolean test(String value) {
      return TextFolding.fold(value).contains(folded);
    }
  }

  /** The folded value starts with {@code folded}. */
  record PrefixTest(String folded) implements StringTest {
    PrefixTest {
      folded = TextFolding.fold(folded);
    }

    @Override
    public boolean test(String value) {
      return TextFolding.fold(value).startsWith(folded);
    }
  }

  /** The folded value ends with {@code folded}. */
  record SuffixTest(String folded) implements StringTest {
    SuffixTest {
      folded = TextFolding.fold(folded);
    }

    @Override
    public boolean test(String value) {
      return TextFolding.fold(value).endsWith(folded);
    }
  }

  /**
   * The regular expression is found in the value as stored; {@link Regex#matches} throws when a
   * value is too expensive, which fails the search.
   */
  record RegexTest(Regex regex) implements StringTest {
    @Override
    public boolean test(String value) {
      return regex.matches(value);
    }
  }

  private static final Set<String> SOURCE_ONLY = Set.of(IndexFields.SOURCE);

  private final Query approximation;
  private final String field;
  private final StringTest test;

  VerifiedStringQuery(Query approximation, String field, StringTest test) {
    this.approximation = Objects.requireNonNull(approximation);
    this.field = Objects.requireNonNull(field);
    this.test = Objects.requireNonNull(test);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = approximation.rewrite(searcher);
    return rewritten == approximation ? this : new VerifiedStringQuery(rewritten, field, test);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
      throws IOException {
    Weight inner = approximation.createWeight(searcher, ScoreMode.COMPLETE_NO_SCORES, 1f);
    return new ConstantScoreWeight(this, boost) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        Scorer candidates = inner.scorer(context);
        if (candidates == null) {
          return null;
        }
        StoredFields storedFields = context.reader().storedFields();
        DocIdSetIterator approx = candidates.iterator();
        TwoPhaseIterator verified =
            new TwoPhaseIterator(approx) {
              @Override
              public boolean matches() throws IOException {
                return verify(storedFields, approx.docID());
              }

              @Override
              public float matchCost() {
                return 1_000f; // loading and parsing a stored document
              }
            };
        return new ConstantScoreScorer(this, score(), scoreMode, verified);
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false;
      }
    };
  }

  private boolean verify(StoredFields storedFields, int doc) throws IOException {
    DocumentStoredFieldVisitor visitor = new DocumentStoredFieldVisitor(SOURCE_ONLY);
    storedFields.document(doc, visitor);
    Document stored = visitor.getDocument();
    String json = stored.get(IndexFields.SOURCE);
    if (json == null) {
      return false;
    }
    for (String value : SourceStrings.at(json, field)) {
      if (test.test(value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) {
      approximation.visit(visitor.getSubVisitor(BooleanClause.Occur.FILTER, this));
    }
  }

  @Override
  public String toString(String defaultField) {
    return "verified(" + field + " " + test + " from " + approximation.toString(defaultField) + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && approximation.equals(((VerifiedStringQuery) other).approximation)
        && field.equals(((VerifiedStringQuery) other).field)
        && test.equals(((VerifiedStringQuery) other).test);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), approximation, field, test);
  }
}
