package io.mailsec.store.lucene;

import io.mailsec.core.query.TextFolding;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Plans how an operand of CONTAINS or {@code =} on a text field is found through the tokens of
 * {@link TokenAnalyzer}: which index query selects a superset of the matching documents, and
 * whether the candidates must then be checked against the stored value ({@link VerifiedTextQuery}).
 *
 * <p>The operand splits into runs of letters/digits and separators. For CONTAINS, a run with a
 * separator (or the operand's edge) on both sides within the operand must be a whole token of the
 * document; a run touching only the operand's end must start a token; one touching only its start
 * must end a token. An operand that is one single run is a substring of one token, which the
 * wildcard {@code *run*} finds exactly, with no check needed. For {@code =} every run is a whole
 * token.
 */
final class TextNeedle {
  /** Enough clauses to be selective; more only cost time. */
  private static final int MAX_CLAUSES = 16;

  private record Run(String text, boolean leftBounded, boolean rightBounded) {}

  private final List<Run> runs;
  private final boolean singleRun;

  private TextNeedle(List<Run> runs, boolean singleRun) {
    this.runs = runs;
    this.singleRun = singleRun;
  }

  static TextNeedle of(String operand) {
    List<Run> runs = new ArrayList<>();
    int i = 0;
    int n = operand.length();
    while (i < n) {
      int cp = operand.codePointAt(i);
      if (!TokenAnalyzer.isTokenCodePoint(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < n && TokenAnalyzer.isTokenCodePoint(operand.codePointAt(i))) {
        i += Character.charCount(operand.codePointAt(i));
      }
      runs.add(new Run(TextFolding.fold(operand.substring(start, i)), start > 0, i < n));
    }
    boolean single = runs.size() == 1 && !runs.get(0).leftBounded() && !runs.get(0).rightBounded();
    return new TextNeedle(runs, single);
  }

  /** True when {@link #containsCandidates} matches exactly the documents that contain it. */
  boolean containsIsExact() {
    return singleRun && runs.get(0).text().length() <= TokenAnalyzer.MAX_TOKEN_CHARS;
  }

  /**
   * A query matching at least every document whose field contains the operand, or null when the
   * tokens cannot narrow it down (the caller then checks every document that has the field).
   */
  Query containsCandidates(String field) {
    if (containsIsExact()) {
      return new WildcardQuery(new Term(field, "*" + escapeWildcard(runs.get(0).text()) + "*"));
    }
    List<Query> clauses = new ArrayList<>();
    Run suffixRun = null;
    for (Run run : runs) {
      if (run.text().length() > TokenAnalyzer.MAX_TOKEN_CHARS) {
        continue; // indexed in pieces; no single term to look for
      }
      if (run.leftBounded() && run.rightBounded()) {
        clauses.add(new TermQuery(new Term(field, run.text())));
      } else if (run.leftBounded()) {
        clauses.add(new PrefixQuery(new Term(field, run.text())));
      } else if (run.rightBounded()) {
        suffixRun = run;
      }
    }
    if (clauses.isEmpty() && suffixRun != null) {
      clauses.add(new WildcardQuery(new Term(field, "*" + escapeWildcard(suffixRun.text()))));
    }
    return conjunction(clauses);
  }

  /**
   * A query matching at least every document whose field equals the operand (ignoring case), or
   * null when the operand has no letters or digits.
   */
  Query equalsCandidates(String field) {
    List<Query> clauses = new ArrayList<>();
    for (Run run : runs) {
      if (run.text().length() <= TokenAnalyzer.MAX_TOKEN_CHARS) {
        clauses.add(new TermQuery(new Term(field, run.text())));
      }
    }
    return conjunction(clauses);
  }

  private static Query conjunction(List<Query> clauses) {
    if (clauses.isEmpty()) {
      return null;
    }
    if (clauses.size() == 1) {
      return clauses.get(0);
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    clauses.stream().limit(MAX_CLAUSES).forEach(q -> all.add(q, BooleanClause.Occur.FILTER));
    return all.build();
  }

  /** Escapes the characters WildcardQuery treats specially. */
  static String escapeWildcard(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
