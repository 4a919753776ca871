package io.mailsec.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.schema.IpLiterals;
import org.junit.jupiter.api.Test;

class IpRangeTest {
  private static byte[] ip(String text) {
    return IpLiterals.parse(text).orElseThrow();
  }

  @Test
  void cidrBlocksContainTheirAddressesOnly() {
    IpRange ten = IpRange.parse("10.0.0.0/8").orElseThrow();
    assertThat(ten.contains(ip("10.255.1.2"))).isTrue();
    assertThat(ten.contains(ip("11.0.0.0"))).isFalse();
    assertThat(ten.contains(ip("::ffff:10.1.1.1"))).isTrue();
    assertThat(ten.isSingleAddress()).isFalse();
    assertThat(ten.prefixLength()).isEqualTo(104);

    IpRange v6 = IpRange.parse("2001:db8::/32").orElseThrow();
    assertThat(v6.contains(ip("2001:db8:ffff::1"))).isTrue();
    assertThat(v6.contains(ip("2001:db9::1"))).isFalse();
    assertThat(v6.contains(ip("10.0.0.1"))).isFalse();
  }

  @Test
  void hostBitsAreIgnoredAndSingleAddressesAreRanges() {
    assertThat(IpRange.parse("10.1.2.3/8")).isEqualTo(IpRange.parse("10.0.0.0/8"));
    IpRange one = IpRange.parse("192.168.1.1").orElseThrow();
    assertThat(one.isSingleAddress()).isTrue();
    assertThat(one.contains(ip("192.168.1.1"))).isTrue();
    assertThat(one.contains(ip("192.168.1.2"))).isFalse();
    assertThat(IpRange.parse("0.0.0.0/0").orElseThrow().contains(ip("255.255.255.255"))).isTrue();
  }

  @Test
  void rejectsWhatIsNotAnAddressOrBlock() {
    assertThat(IpRange.parse("10.0.0.0/33")).isEmpty();
    assertThat(IpRange.parse("10.0.0/8")).isEmpty();
    assertThat(IpRange.parse("example.com")).isEmpty();
    assertThat(IpRange.parse("10.0.0.0/")).isEmpty();
    assertThat(IpRange.parse("10.0.0.0/-1")).isEmpty();
    assertThat(IpRange.parse("::/129")).isEmpty();
  }
}
