package io.mailsec.store.lucene;

import io.mailsec.core.query.Regex;
import io.mailsec.core.query.TextFolding;
import io.mailsec.store.lucene.VerifiedStringQuery.ContainsTest;
import io.mailsec.store.lucene.VerifiedStringQuery.PrefixTest;
import io.mailsec.store.lucene.VerifiedStringQuery.RegexTest;
import io.mailsec.store.lucene.VerifiedStringQuery.StringTest;
import io.mailsec.store.lucene.VerifiedStringQuery.SuffixTest;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.WildcardQuery;

/**
 * Lucene queries for CONTAINS, STARTSWITH, ENDSWITH and MATCHES_REGEX on keyword-like terms (a
 * keyword field, or the folded text companion of an ip field), exact also for values longer than
 * the indexed prefix ({@link EventDocuments#keywordTerm} keeps at most {@link
 * EventDocuments#MAX_KEYWORD_CHARS} chars).
 *
 * <p>A term shorter than {@link #POSSIBLY_CUT_BYTES} UTF-8 bytes is a whole folded value, so term
 * queries decide it exactly. Longer terms may be cut: those documents are found by the term's
 * length alone and checked on the stored value ({@link VerifiedStringQuery}). Long values are rare,
 * so the verified part stays small.
 */
final class StringOperatorQueries {
  /**
   * A cut term keeps {@code MAX_KEYWORD_CHARS} chars, or one less to keep a surrogate pair whole;
   * each char is at least one UTF-8 byte. Terms with fewer bytes are whole values.
   */
  static final int POSSIBLY_CUT_BYTES = EventDocuments.MAX_KEYWORD_CHARS - 1;

  /**
   * Longest operand put into a prefix or wildcard query: Lucene compiles those into automata and
   * refuses large ones. A longer operand selects candidates by a part of it, checked on the value.
   */
  static final int MAX_PATTERN_CHARS = 256;

  private StringOperatorQueries() {}

  /** Values of {@code sourceField} (terms in {@code termField}) containing {@code text}. */
  static Query contains(String termField, String sourceField, String text) {
    String folded = TextFolding.fold(text);
    ContainsTest test = new ContainsTest(folded);
    if (folded.length() >= POSSIBLY_CUT_BYTES) {
      return verifiedLong(termField, sourceField, test); // only a long value can contain it
    }
    if (folded.length() > MAX_PATTERN_CHARS) {
      Query shortTerms = wildcard(termField, "*", head(folded), "*");
      return verified(either(shortTerms, longTerms(termField)), sourceField, test);
    }
    // A term containing the needle proves the value does (the term is a prefix of the value).
    return either(
        wildcard(termField, "*", folded, "*"), verifiedLong(termField, sourceField, test));
  }

  /** Values starting with {@code text}. */
  static Query startsWith(String termField, String sourceField, String text) {
    String folded = TextFolding.fold(text);
    if (folded.length() <= MAX_PATTERN_CHARS) {
      // Every term keeps at least this many leading chars of its value (or all of them).
      return new PrefixQuery(new Term(termField, folded));
    }
    return verified(
        new PrefixQuery(new Term(termField, head(folded))), sourceField, new PrefixTest(folded));
  }

  /** Values ending with {@code text}. */
  static Query endsWith(String termField, String sourceField, String text) {
    String folded = TextFolding.fold(text);
    SuffixTest test = new SuffixTest(folded);
    if (folded.length() >= POSSIBLY_CUT_BYTES) {
      return verifiedLong(termField, sourceField, test);
    }
    if (folded.length() > MAX_PATTERN_CHARS) {
      Query shortTerms = wildcard(termField, "*", tail(folded), "");
      return verified(either(shortTerms, longTerms(termField)), sourceField, test);
    }
    // A cut term's end is not its value's end, so the wildcard decides only the short terms.
    Query shortTerms =
        new BooleanQuery.Builder()
            .add(wildcard(termField, "*", folded, ""), Occur.FILTER)
            .add(longTerms(termField), Occur.MUST_NOT)
            .build();
    return either(shortTerms, verifiedLong(termField, sourceField, test));
  }

  /** Values of {@code sourceField} in which {@code regex} is found, among the candidates. */
  static Query regex(Query candidates, String sourceField, Regex regex) {
    return new VerifiedStringQuery(candidates, sourceField, new RegexTest(regex));
  }

  /** Values of {@code sourceField} passing {@code test}, among the candidates. */
  static Query verified(Query candidates, String sourceField, StringTest test) {
    return new VerifiedStringQuery(candidates, sourceField, test);
  }

  private static Query verifiedLong(String termField, String sourceField, StringTest test) {
    return new VerifiedStringQuery(longTerms(termField), sourceField, test);
  }

  private static Query longTerms(String termField) {
    return new LongTermsQuery(termField, POSSIBLY_CUT_BYTES);
  }

  private static Query either(Query a, Query b) {
    return new BooleanQuery.Builder()
        .add(a, Occur.SHOULD)
        .add(b, Occur.SHOULD)
        .setMinimumNumberShouldMatch(1)
        .build();
  }

  private static Query wildcard(String termField, String before, String folded, String after) {
    return new WildcardQuery(
        new Term(termField, before + TextNeedle.escapeWildcard(folded) + after));
  }

  /** The first {@link #MAX_PATTERN_CHARS} chars or one less, keeping surrogate pairs whole. */
  private static String head(String folded) {
    int end = MAX_PATTERN_CHARS;
    return folded.substring(0, Character.isHighSurrogate(folded.charAt(end - 1)) ? end - 1 : end);
  }

  /** The last {@link #MAX_PATTERN_CHARS} chars or one less, keeping surrogate pairs whole. */
  private static String tail(String folded) {
    int start = folded.length() - MAX_PATTERN_CHARS;
    return folded.substring(Character.isLowSurrogate(folded.charAt(start)) ? start + 1 : start);
  }
}
