package io.mailsec.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.query.IpRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "81.2.69.144",
        "0.0.0.0",
        "255.255.255.255",
        "::",
        "::1",
        "2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001",
        "::ffff:192.0.2.1",
        "fe80::1:2:3:4:5:6"
      })
  void acceptsLiterals(String text) {
    assertThat(IpLiterals.parse(text)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Internal IP",
        "256.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4",
        "a.b.c.d",
        "example.com",
        "1::2::3",
        "2001:db8:::1",
        "12345::",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "::ffff:999.0.2.1",
        " 1.2.3.4"
      })
  void rejectsEverythingElse(String text) {
    assertThat(IpLiterals.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void givesTheAddressBytes() {
    assertThat(IpLiterals.parse("10.0.0.255").orElseThrow()).containsExactly(10, 0, 0, (byte) 255);
    byte[] v6 = IpLiterals.parse("::ffff:192.0.2.1").orElseThrow();
    assertThat(v6).hasSize(16);
    assertThat(v6[10]).isEqualTo((byte) 0xff);
    assertThat(v6[12]).isEqualTo((byte) 192);
  }

  private static String canonical(String literal) {
    return IpLiterals.format(IpRange.to16(IpLiterals.parse(literal).orElseThrow()));
  }

  @Test
  void formatsCanonically() {
    assertThat(canonical("10.1.2.3")).isEqualTo("10.1.2.3");
    assertThat(canonical("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
    assertThat(canonical("2001:0DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
    assertThat(canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(canonical("::")).isEqualTo("::");
    assertThat(canonical("::1")).isEqualTo("::1");
    assertThat(canonical("1::")).isEqualTo("1::");
    assertThat(canonical("1:0:2:3:4:5:6:7")).isEqualTo("1:0:2:3:4:5:6:7");
  }
}
