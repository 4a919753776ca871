package io.mailsec.store.lucene;

import java.io.IOException;
import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;

/**
 * Documents with a term of {@code field} at least {@code minBytes} UTF-8 bytes long. Walks the
 * field's whole term dictionary (no automaton: one that counts thousands of bytes is beyond what
 * Lucene compiles).
 */
final class LongTermsQuery extends MultiTermQuery {
  private final int minBytes;

  LongTermsQuery(String field, int minBytes) {
    super(field, CONSTANT_SCORE_BLENDED_REWRITE);
    this.minBytes = minBytes;
  }

  @Override
  protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
    return new FilteredTermsEnum(terms.iterator(), false) {
      @Override
      protected AcceptStatus accept(BytesRef term) {
        return term.length >= minBytes ? AcceptStatus.YES : AcceptStatus.NO;
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) {
      visitor.visitLeaf(this);
    }
  }

  @Override
  public String toString(String defaultField) {
    return field + ":<term of at least " + minBytes + " bytes>";
  }

  @Override
  public boolean equals(Object other) {
    return super.equals(other) && ((LongTermsQuery) other).minBytes == minBytes;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + minBytes;
  }
}
