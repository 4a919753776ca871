package io.mailsec.store.lucene;

import io.mailsec.core.query.TextFolding;
import java.io.IOException;
import java.util.Locale;
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
 * Matches the candidates of an approximation query whose stored event really has a value of {@code
 * field} that contains (or equals) the folded operand. This is what makes CONTAINS an exact
 * substring match although the index only knows tokens: the approximation (from {@link TextNeedle})
 * keeps the candidate set small, and each candidate's {@code _source} is checked in the second
 * phase of a {@link TwoPhaseIterator}, so counting, sorting and aggregating all see only true
 * matches.
 */
final class VerifiedTextQuery extends Query {
  enum Mode {
    CONTAINS,
    EQUALS
  }

  private static final Set<String> SOURCE_ONLY = Set.of(IndexFields.SOURCE);

  private final Query approximation;
  private final String field;
  private final Mode mode;
  private final String foldedOperand;

  VerifiedTextQuery(Query approximation, String field, Mode mode, String operand) {
    this.approximation = Objects.requireNonNull(approximation);
    this.field = field;
    this.mode = mode;
    this.foldedOperand = TextFolding.fold(operand);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = approximation.rewrite(searcher);
    return rewritten == approximation
        ? this
        : new VerifiedTextQuery(rewritten, field, mode, foldedOperand);
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
      String folded = TextFolding.fold(value);
      if (mode == Mode.CONTAINS ? folded.contains(foldedOperand) : folded.equals(foldedOperand)) {
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
    return "verified("
        + field
        + " "
        + mode.name().toLowerCase(Locale.ROOT)
        + " '"
        + foldedOperand
        + "' from "
        + approximation.toString(defaultField)
        + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && approximation.equals(((VerifiedTextQuery) other).approximation)
        && field.equals(((VerifiedTextQuery) other).field)
        && mode == ((VerifiedTextQuery) other).mode
        && foldedOperand.equals(((VerifiedTextQuery) other).foldedOperand);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), approximation, field, mode, foldedOperand);
  }
}
