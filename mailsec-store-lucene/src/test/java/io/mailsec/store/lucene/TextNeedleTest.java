package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class TextNeedleTest {
  private static List<String> tokens(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenAnalyzer analyzer = new TokenAnalyzer();
        TokenStream stream = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    }
    return out;
  }

  @Test
  void tokensAreFoldedRunsOfLettersAndDigits() throws IOException {
    assertThat(tokens("{\"Virus\":\"Eicar-Test\"} x@Y.com İstanbul 10.1.2.3"))
        .containsExactly(
            "virus", "eicar", "test", "x", "y", "com", "istanbul", "10", "1", "2", "3");
  }

  @Test
  void singleRunNeedlesAreExactWildcards() {
    TextNeedle needle = TextNeedle.of("IRUS");
    assertThat(needle.containsIsExact()).isTrue();
    assertThat(needle.containsCandidates("f").toString()).isEqualTo("f:*irus*");
  }

  @Test
  void innerRunsMustBeWholeTokensAndTheLastMayBeAPrefix() {
    TextNeedle needle = TextNeedle.of("rus\":\"Eicar-Te");
    assertThat(needle.containsIsExact()).isFalse();
    assertThat(needle.containsCandidates("f").toString()).isEqualTo("#f:eicar #f:te*");
  }

  @Test
  void aNeedleWithoutLettersCannotNarrowTheCandidates() {
    assertThat(TextNeedle.of("\":\"").containsCandidates("f")).isNull();
    assertThat(TextNeedle.of("abc.").containsCandidates("f").toString()).isEqualTo("f:*abc");
  }

  @Test
  void equalityNeedsEveryRunAsAToken() {
    assertThat(TextNeedle.of("Hello, World").equalsCandidates("f").toString())
        .isEqualTo("#f:hello #f:world");
  }
}
