package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.query.IpRange;
import io.mailsec.core.schema.IpLiterals;
import org.junit.jupiter.api.Test;

class IpTextTest {
  private static String canonical(String literal) {
    return IpText.format(IpRange.to16(IpLiterals.parse(literal).orElseThrow()));
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
