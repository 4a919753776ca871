package io.mailsec.store.lucene;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Replaces each distinct folded token of one field value by its overlapping n-grams of {@link
 * #GRAM_LENGTH} code points, at consecutive positions, with an empty position before every token. A
 * run of letters/digits of at least {@code GRAM_LENGTH} code points is then a substring of some
 * token exactly when its n-grams occur at consecutive positions ({@link TextNeedle#gramPhrase}):
 * the empty position keeps a phrase from spanning two tokens. Tokens shorter than {@code
 * GRAM_LENGTH} produce nothing, and a token seen before in the same value is skipped (one
 * occurrence is enough to contain a substring), which keeps ids repeated within a record cheap.
 *
 * <p>This runs for every char of every text value at ingest, so it allocates nothing per token: the
 * distinct tokens live in one reused {@link DistinctTokens} pool and each n-gram is copied straight
 * from a char offset table into the term buffer. Buffers are reused across values; the filter is
 * not thread-safe (analyzers give each thread its own chain).
 */
final class TokenGramFilter extends TokenFilter {
  static final int GRAM_LENGTH = 3;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute increment =
      addAttribute(PositionIncrementAttribute.class);
  private final DistinctTokens seen = new DistinctTokens();
  private char[] token = new char[64];

  /** Char offset of each code point of {@link #token}, then its length. */
  private int[] starts = new int[65];

  private int codePoints;
  private int next;

  TokenGramFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (next + GRAM_LENGTH > codePoints) {
      if (!input.incrementToken()) {
        return false;
      }
      loadToken();
    }
    int from = starts[next];
    int length = starts[next + GRAM_LENGTH] - from;
    System.arraycopy(token, from, term.resizeBuffer(length), 0, length);
    term.setLength(length);
    increment.setPositionIncrement(next == 0 ? 2 : 1);
    next++;
    return true;
  }

  /** Takes the input's current token as the source of the next n-grams, unless seen before. */
  private void loadToken() {
    codePoints = 0;
    next = 0;
    char[] chars = term.buffer();
    int length = term.length();
    // fewer chars than GRAM_LENGTH means fewer code points too
    if (length < GRAM_LENGTH || !seen.add(chars, length)) {
      return;
    }
    token = ArrayUtil.grow(token, length);
    System.arraycopy(chars, 0, token, 0, length);
    starts = ArrayUtil.growNoCopy(starts, length + 1);
    int i = 0;
    while (i < length) {
      starts[codePoints++] = i;
      // a high surrogate followed by a low one is one code point, as in Character.codePointAt
      boolean pair =
          Character.isHighSurrogate(chars[i])
              && i + 1 < length
              && Character.isLowSurrogate(chars[i + 1]);
      i += pair ? 2 : 1;
    }
    starts[codePoints] = length;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    seen.clear();
    codePoints = 0;
    next = 0;
  }
}
