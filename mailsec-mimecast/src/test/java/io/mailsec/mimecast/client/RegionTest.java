package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RegionTest {
  private final ApiCredentials api1 =
      new Api1Credentials("a", Secret.of("k"), "access", Secret.of("c2VjcmV0"));
  private final ApiCredentials api2 = new Api2Credentials("id", Secret.of("secret"));

  @Test
  void picksTheHostOfTheCredentialsVersion() {
    assertThat(Region.fromId("us").baseUrlFor(api1))
        .isEqualTo(URI.create("https://us-api.mimecast.com"));
    assertThat(Region.fromId("US").baseUrlFor(api2))
        .isEqualTo(URI.create("https://us-api.services.mimecast.com"));
    assertThat(Region.fromId("global").baseUrlFor(api2))
        .isEqualTo(URI.create("https://api.services.mimecast.com"));
    assertThat(Region.fromId("eu").baseUrlFor(api1))
        .isEqualTo(URI.create("https://eu-api.mimecast.com"));
    assertThat(Region.fromId("uk").baseUrlFor(api2))
        .isEqualTo(URI.create("https://uk-api.services.mimecast.com"));
  }

  @Test
  void parsesIdsCaseInsensitively() {
    assertThat(Region.fromId("uspcom")).isEqualTo(Region.USPCOM);
    assertThat(Region.USPCOM.id()).isEqualTo("uspcom");
  }

  @Test
  void explainsARegionWithoutTheVersion() {
    assertThatThrownBy(() -> Region.EU.baseUrlFor(api2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2.0")
        .hasMessageContaining("uk");
    assertThatThrownBy(() -> Region.fromId("mars")).hasMessageContaining("eu");
  }
}
