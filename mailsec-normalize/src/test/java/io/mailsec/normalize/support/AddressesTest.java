package io.mailsec.normalize.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class AddressesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void extractsBareAddresses() {
    assertThat(Addresses.address("John Doe <john@example.com>")).contains("john@example.com");
    assertThat(Addresses.address(" <john@example.com> ")).contains("john@example.com");
    assertThat(Addresses.address("\"john@example.com\"")).contains("john@example.com");
    assertThat(Addresses.address("<>")).isEmpty();
    assertThat(Addresses.isNullSender(" <> ")).isTrue();
    assertThat(Addresses.isNullSender("a@b")).isFalse();
  }

  @Test
  void splitsListsButNotQuotedDisplayNames() {
    assertThat(Addresses.list(NODES.textNode("a@x.com, \"Doe, Jane\" <j@x.com>;b@x.com ,")))
        .containsExactly("a@x.com", "j@x.com", "b@x.com");
    assertThat(Addresses.list(NODES.arrayNode().add("a@x.com").add("B <b@x.com>")))
        .containsExactly("a@x.com", "b@x.com");
    assertThat(Addresses.list(null)).isEmpty();
  }

  @Test
  void domainIsLowerCase() {
    assertThat(Addresses.domain("A@Example.COM")).contains("example.com");
    assertThat(Addresses.domain("nodomain")).isEmpty();
    assertThat(Addresses.domain("trailing@")).isEmpty();
  }
}
