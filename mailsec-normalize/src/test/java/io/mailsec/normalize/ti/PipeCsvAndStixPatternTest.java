package io.mailsec.normalize.ti;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipeCsvAndStixPatternTest {
  @Test
  void splitsPipeCsvWithQuotes() {
    assertThat(PipeCsv.split("a| \"b|c\" |\"say \"\"hi\"\"\"|null|\r\n"))
        .containsExactly("a", "b|c", "say \"hi\"", "null", "");
  }

  @Test
  void extractsSupportedObservablesFromPatterns() {
    assertThat(
            StixPattern.observables(
                "[file:hashes.'SHA-256' = 'AB'] OR [file:hashes.MD5 = 'cd'] AND"
                    + " [url:value = 'http://x/it\\'s'] OR [process:name = 'x.exe']"))
        .containsExactly(
            new Observable("sha256", "ab", "file:hashes.'SHA-256'"),
            new Observable("md5", "cd", "file:hashes.MD5"),
            new Observable("url", "http://x/it's", "url:value"));
    assertThat(StixPattern.observables("[ipv6-addr:value = '2001:db8::1']"))
        .extracting(Observable::indicatorType)
        .containsExactly("ip");
    assertThat(StixPattern.observables("[email-addr:value = 'a@b.c']"))
        .extracting(Observable::field)
        .containsExactly("email_sender_address");
    assertThat(StixPattern.observables("no pattern here")).isEmpty();
  }
}
