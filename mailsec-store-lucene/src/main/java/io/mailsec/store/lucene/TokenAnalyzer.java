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
 */
final class TokenAnalyzer extends Analyzer {
  static final int MAX_TOKEN_CHARS = 8191;

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    CharTokenizer tokenizer =
        new CharTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, MAX_TOKEN_CHARS) {
          @Override
          protected boolean isTokenChar(int c) {
            return isTokenCodePoint(c);
          }
        };
    return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
  }

  static boolean isTokenCodePoint(int c) {
    return Character.isLetterOrDigit(c);
  }
}
