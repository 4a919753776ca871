package io.mailsec.normalize.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {
  @Test
  void splitsUrlsIncludingOnesJavaNetUriRejects() {
    assertThat(Urls.parse("HTTPS://user:pw@Www.Example.com:8443/a b/c?q=1 2&x#frag"))
        .contains(new Urls.Parts("https", "www.example.com", "/a b/c", "q=1 2&x"));
    assertThat(Urls.parse("http://[2001:db8::1]:80/"))
        .contains(new Urls.Parts("http", "2001:db8::1", "/", null));
    assertThat(Urls.parse("http://example.org"))
        .contains(new Urls.Parts("http", "example.org", "", null));
    assertThat(Urls.parse("not a url")).isEmpty();
  }
}
