package io.mailsec.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.query.Operands.LongInterval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperandsTest {
  @Test
  void longFieldsComparedWithFractionsBehaveMathematically() {
    assertThat(Operands.longInterval("f", Operator.LT, 2.5))
        .contains(new LongInterval(Long.MIN_VALUE, 2));
    assertThat(Operands.longInterval("f", Operator.LE, 2.5))
        .contains(new LongInterval(Long.MIN_VALUE, 2));
    assertThat(Operands.longInterval("f", Operator.GT, 2.5))
        .contains(new LongInterval(3, Long.MAX_VALUE));
    assertThat(Operands.longInterval("f", Operator.GE, -2.5))
        .contains(new LongInterval(-2, Long.MAX_VALUE));
    assertThat(Operands.longInterval("f", Operator.EQ, 2.5)).isEmpty();
    assertThat(Operands.longInterval("f", Operator.EQ, "7")).contains(new LongInterval(7, 7));
    assertThat(Operands.longInterval("f", Operator.LT, Long.MIN_VALUE)).isEmpty();
    assertThat(Operands.longInterval("f", Operator.GT, 1e30)).isEmpty();
    assertThat(Operands.longInterval("f", Operator.LT, 1e30))
        .contains(new LongInterval(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  @Test
  void timestampsTruncateToMicroseconds() {
    Instant t = Instant.parse("2024-03-01T10:00:00.123456789Z");
    assertThat(Operands.micros(t)).isEqualTo(1709287200123456L);
    assertThat(Operands.micros(Instant.parse("1969-12-31T23:59:59.9999995Z"))).isEqualTo(-1);
    assertThat(Operands.instant("f", "2024-03-01T12:00:00+02:00"))
        .isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
    assertThat(Operands.micros(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void keywordTextOfNumbersAndBooleans() {
    assertThat(Operands.keywordText(550L)).isEqualTo("550");
    assertThat(Operands.keywordText(550.0)).isEqualTo("550");
    assertThat(Operands.keywordText(0.5)).isEqualTo("0.5");
    assertThat(Operands.keywordText(true)).isEqualTo("true");
  }

  @Test
  void operandsThatDoNotFitNameTheField() {
    assertThatThrownBy(() -> Operands.longInterval("message_size", Operator.EQ, "big"))
        .hasMessageContaining("message_size");
    assertThatThrownBy(() -> Operands.bool("delivered", "yes")).hasMessageContaining("delivered");
    assertThatThrownBy(() -> Operands.ip("sender_ip", "host.example"))
        .hasMessageContaining("sender_ip");
    assertThatThrownBy(() -> Operands.ipAddress("sender_ip", "10.0.0.0/8"))
        .hasMessageContaining("CIDR");
    assertThatThrownBy(() -> Operands.instant("event_time", "yesterday"))
        .hasMessageContaining("event_time");
    assertThatThrownBy(() -> Operands.longInterval("f", Operator.EQ, "1e999999999"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
