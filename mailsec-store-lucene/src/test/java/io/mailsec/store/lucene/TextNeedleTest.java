package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
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
  void singleRunNeedlesAreExactGramPhrasesOrWildcardsOnOlderSegments() {
    TextNeedle needle = TextNeedle.of("IRUS");
    assertThat(needle.containsIsExact()).isTrue();
    assertThat(needle.containsCandidates("f").toString())
        .isEqualTo("grams(f#grams:\"iru rus\") or terms(f:*irus*)");
    assertThat(TextNeedle.of("ab").containsCandidates("f").toString()).isEqualTo("f:*ab*");
  }

  @Test
  void gramPhrasesCoverEveryCodePointWithTheFewestGrams() {
    assertThat(TextNeedle.gramPhrase("g", "abc").toString()).isEqualTo("g:\"abc\"");
    assertThat(TextNeedle.gramPhrase("g", "abcdef").toString()).isEqualTo("g:\"abc ? ? def\"");
    assertThat(TextNeedle.gramPhrase("g", "abcdefg").toString()).isEqualTo("g:\"abc ? ? def efg\"");
    // code points, not chars: a surrogate pair is one position
    assertThat(TextNeedle.gramPhrase("g", "a\uD83D\uDE00bc").toString())
        .isEqualTo("g:\"a\uD83D\uDE00b \uD83D\uDE00bc\"");
    assertThat(TextNeedle.gramPhrase("g", "a\uD83D\uDE00")).isNull();
  }

  private static List<String> grams(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenAnalyzer analyzer = new TokenAnalyzer();
        TokenStream stream = analyzer.tokenStream("f" + IndexFields.GRAMS_SUFFIX, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(increment.getPositionIncrement() + term.toString());
      }
      stream.end();
    }
    return out;
  }

  @Test
  void gramsOfDistinctTokensAreSeparatedByAnEmptyPosition() throws IOException {
    assertThat(grams("Ab, VIRUS virus-x İsTa abcd"))
        .containsExactly("2vir", "1iru", "1rus", "2ist", "1sta", "2abc", "1bcd");
    // the chain is reused: a second value starts afresh (its tokens are not "seen")
    assertThat(grams("virus")).containsExactly("2vir", "1iru", "1rus");
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
    assertThat(TextNeedle.of("abc.").containsCandidates("f").toString())
        .isEqualTo("grams(f#grams:\"abc\") or terms(f:*abc)");
    assertThat(TextNeedle.of("bc.").containsCandidates("f").toString()).isEqualTo("f:*bc");
  }

  @Test
  void equalityNeedsEveryRunAsAToken() {
    assertThat(TextNeedle.of("Hello, World").equalsCandidates("f").toString())
        .isEqualTo("#f:hello #f:world");
  }
}
