package io.mailsec.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFoldingTest {
  @Test
  void foldsPerCodePointIndependentOfTheDefaultLocale() {
    // The tests run under a Turkish default locale, where "I".toLowerCase() is a dotless ı.
    assertThat(TextFolding.fold("INVOICE")).isEqualTo("invoice");
    assertThat(TextFolding.fold("İstanbul")).isEqualTo("istanbul");
    assertThat(TextFolding.fold("ÜNÏCODE")).isEqualTo("ünïcode");
    assertThat(TextFolding.fold("already lower")).isEqualTo("already lower");
  }

  @Test
  void foldingKeepsTheNumberOfCodePoints() {
    String text = "İİ𝐀ß";
    String folded = TextFolding.fold(text);
    assertThat(folded.codePointCount(0, folded.length()))
        .isEqualTo(text.codePointCount(0, text.length()));
  }

  @Test
  void comparesByCodePointNotByUtf16Unit() {
    // U+FFFD is one UTF-16 unit above the high surrogate of U+1D400, but a lower code point.
    assertThat(TextFolding.compareCodePoints("\uFFFD", "𝐀")).isNegative();
    assertThat("\uFFFD".compareTo("𝐀")).isPositive();
    assertThat(TextFolding.compareCodePoints("ab", "abc")).isNegative();
    assertThat(TextFolding.compareCodePoints("abc", "abc")).isZero();
  }
}
