package io.mailsec.store.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * The analyzer of text fields: tokens are the maximal runs of letters and digits, folded to lower
 * case per code point exactly like {@link io.mailsec.core.query.TextFolding}. This simple rule
 * (unlike Unicode word breaking, which keeps {@code a.b} or {@code x@y} together) is what lets
 * {@link TextNeedle} derive from a CONTAINS operand which terms a matching document must have.
 *
 * <p>A run longer than {@link #MAX_TOKEN_CHARS} is indexed in pieces of that length: at most 3
 * UTF-8 bytes per char keeps every term under Lucene's 32,766-byte limit.
 *
 * <p>The n-gram companion fields ({@link IndexFields#GRAMS_SUFFIX}) take the same folded runs, cut
 * only beyond {@link #MAX_GRAM_SOURCE_CHARS} chars (their terms are short), through {@link
 * TokenGramFilter}.
 */
final class TokenAnalyzer extends Analyzer {
  static final int MAX_TOKEN_CHARS = 8191;

  /** Lucene's limit for a tokenizer's token length. */
  static final int MAX_GRAM_SOURCE_CHARS = 1024 * 1024;

  TokenAnalyzer() {
    super(PER_FIELD_REUSE_STRATEGY); // the n-gram fields have their own chain
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    boolean grams = fieldName.endsWith(IndexFields.GRAMS_SUFFIX);
    CharTokenizer tokenizer =
        new CharTokenizer(
            TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
            grams ? MAX_GRAM_SOURCE_CHARS : MAX_TOKEN_CHARS) {
          @Override
          protected boolean isTokenChar(int c) {
            return isTokenCodePoint(c);
          }
        };
    TokenStream folded = new LowerCaseFilter(tokenizer);
    return new TokenStreamComponents(tokenizer, grams ? new TokenGramFilter(folded) : folded);
  }

  static boolean isTokenCodePoint(int c) {
    return Character.isLetterOrDigit(c);
  }
}
