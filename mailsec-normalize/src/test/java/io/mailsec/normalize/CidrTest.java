package io.mailsec.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void matchesAddressesInsideTheNetworkOfTheSameFamily() {
    Cidr ten = Cidr.parse("10.0.0.0/8");
    assertThat(ten.contains("10.255.1.2")).isTrue();
    assertThat(ten.contains("11.0.0.1")).isFalse();
    assertThat(ten.contains("::ffff:10.0.0.1")).isFalse();
    assertThat(ten.contains("Internal IP")).isFalse();
    Cidr odd = Cidr.parse("192.168.4.0/22");
    assertThat(odd.contains("192.168.7.255")).isTrue();
    assertThat(odd.contains("192.168.8.0")).isFalse();
    assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:ffff::1")).isTrue();
    assertThat(Cidr.parse("198.51.100.7").contains("198.51.100.7")).isTrue();
    assertThat(Cidr.parse("198.51.100.7").contains("198.51.100.8")).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
  }

  @Test
  void rejectsMalformedRanges() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0/8")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
  }
}
