package io.mailsec.store.lucene;

import io.mailsec.core.query.TextFolding;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
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
 *
 * <p>A run of at least {@link TokenGramFilter#GRAM_LENGTH} code points that may lie anywhere in a
 * token is looked up as a phrase of its n-grams in the {@code #grams} companion field ({@link
 * #gramPhrase}) instead of a wildcard, which would walk the field's whole term dictionary; segments
 * without n-grams still use the wildcard ({@link GramOrTermsQuery}).
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
      String text = runs.get(0).text();
      return withGrams(
          field, text, new WildcardQuery(new Term(field, "*" + escapeWildcard(text) + "*")));
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
      String text = suffixRun.text();
      clauses.add(
          withGrams(field, text, new WildcardQuery(new Term(field, "*" + escapeWildcard(text)))));
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

  /**
   * {@code termsQuery}, or where n-grams exist a phrase query matching at least the same documents
   * (exactly the documents with a token containing {@code folded}).
   */
  private static Query withGrams(String field, String folded, Query termsQuery) {
    Query phrase = gramPhrase(field + IndexFields.GRAMS_SUFFIX, folded);
    return phrase == null ? termsQuery : new GramOrTermsQuery(phrase, termsQuery);
  }

  /**
   * The documents with a token containing the folded run {@code folded}, through the n-grams of
   * {@link TokenGramFilter} in {@code gramField}; null when the run is shorter than one n-gram. The
   * phrase takes n-grams that together cover every code point of the run (every n-th one and the
   * last), at their offsets: n-grams of one token lie at consecutive positions, so the phrase
   * matches exactly where these code points appear in this order within one token.
   */
  static Query gramPhrase(String gramField, String folded) {
    int[] cps = folded.codePoints().toArray();
    int n = TokenGramFilter.GRAM_LENGTH;
    if (cps.length < n) {
      return null;
    }
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    int last = cps.length - n;
    for (int offset = 0; ; offset = Math.min(offset + n, last)) {
      phrase.add(new Term(gramField, new String(cps, offset, n)), offset);
      if (offset == last) {
        break;
      }
    }
    return phrase.build();
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
