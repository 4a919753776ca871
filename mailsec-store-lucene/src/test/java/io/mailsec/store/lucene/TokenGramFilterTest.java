package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/** The n-gram chain against a plain model of its contract, on seeded random values. */
class TokenGramFilterTest {
  /**
   * Letters and digits (with a supplementary letter and case pairs), separators, lone surrogates.
   */
  private static final String[] PIECES = {
    "a",
    "b",
    "c",
    "A",
    "B",
    "0",
    "7",
    "é",
    "İ",
    "ß",
    "\uD835\uDC00",
    "\uD835\uDC01",
    " ",
    "-",
    "\"",
    ":",
    "\uD83D\uDE00",
    "\uD800",
    "\uDC00",
    "abc",
    "ABC",
    "xyzw"
  };

  private static String randomValue(SplittableRandom random) {
    StringBuilder sb = new StringBuilder();
    int pieces = random.nextInt(40);
    for (int i = 0; i < pieces; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  /** The contract: distinct tokens in order, each as its code-point n-grams after a gap. */
  private static List<String> expectedGrams(Analyzer analyzer, String value) throws IOException {
    Set<String> distinct = new LinkedHashSet<>(emit(analyzer, "f", value));
    List<String> out = new ArrayList<>();
    for (String token : distinct) {
      int[] cps = token.codePoints().toArray();
      for (int i = 0; i + TokenGramFilter.GRAM_LENGTH <= cps.length; i++) {
        out.add((i == 0 ? 2 : 1) + new String(cps, i, TokenGramFilter.GRAM_LENGTH));
      }
    }
    return out;
  }

  private static List<String> emit(Analyzer analyzer, String field, String value)
      throws IOException {
    List<String> out = new ArrayList<>();
    boolean grams = field.endsWith(IndexFields.GRAMS_SUFFIX);
    try (TokenStream stream = analyzer.tokenStream(field, value)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(grams ? increment.getPositionIncrement() + term.toString() : term.toString());
      }
      stream.end();
    }
    return out;
  }

  @Test
  void gramsOfRandomValuesMatchTheContractAcrossReusedChains() throws IOException {
    SplittableRandom random = new SplittableRandom(20261123);
    try (TokenAnalyzer analyzer = new TokenAnalyzer()) {
      for (int i = 0; i < 3000; i++) {
        String value = randomValue(random);
        assertThat(emit(analyzer, "f" + IndexFields.GRAMS_SUFFIX, value))
            .as("grams of %s", value)
            .containsExactlyElementsOf(expectedGrams(analyzer, value));
      }
    }
  }

  @Test
  void manyDistinctTokensInOneValueGrowTheSetAndAreForgottenForTheNextValue() throws IOException {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      many.append("t").append(i).append(' ').append("t").append(i % 7).append(' ');
    }
    try (TokenAnalyzer analyzer = new TokenAnalyzer()) {
      List<String> first = emit(analyzer, "f" + IndexFields.GRAMS_SUFFIX, many.toString());
      assertThat(first).containsExactlyElementsOf(expectedGrams(analyzer, many.toString()));
      assertThat(emit(analyzer, "f" + IndexFields.GRAMS_SUFFIX, "t4999 t4999"))
          .containsExactly("2t49", "1499", "1999");
    }
  }
}
