package io.mailsec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsEveryUnitCaseInsensitiveAndTrimmed() {
    assertThat(Durations.parse("90s", "x")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("15m", "x")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse(" 12H ", "x")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("7d", "x")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("2W", "x")).isEqualTo(Duration.ofDays(14));
    assertThat(Durations.parse("0s", "x")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("999999999s", "x")).isEqualTo(Duration.ofSeconds(999_999_999));
    assertThat(Durations.parse("999999999w", "x")).isEqualTo(Duration.ofDays(7L * 999_999_999));
  }

  @Test
  void readsIso8601() {
    assertThat(Durations.parse("PT5M", "x")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("pt1h30m", "x")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("P1D", "x")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void refusesAnythingElseWithOneLineNamingTheSetting() {
    for (String bad :
        new String[] {
          "",
          " ",
          "5",
          "m",
          "5 m",
          "-5m",
          "5y",
          "1.5h",
          "1234567890s",
          "1h30m",
          "P",
          "PX",
          "forever"
        }) {
      assertThatThrownBy(() -> Durations.parse(bad, "--look-back"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("'" + bad.strip() + "' is not a duration for --look-back")
          .hasMessageContaining("e.g. 30s")
          .hasMessageNotContaining("\n");
    }
    assertThatThrownBy(() -> Durations.parse(null, "suppress_for"))
        .hasMessageContaining("suppress_for");
    assertThatThrownBy(() -> Durations.parse("5\nm", "window"))
        .hasMessageNotContaining("\n")
        .hasMessageContaining("window");
    assertThatThrownBy(() -> Durations.parse("P" + "1".repeat(200) + "D", "window"))
        .hasMessageContaining("...")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  @Test
  void formatIsTheLargestExactUnitUpToDays() {
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Durations.format(Duration.ofHours(12))).isEqualTo("12h");
    assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(Durations.format(Duration.ofDays(14))).isEqualTo("14d");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofMillis(61_500))).isEqualTo("61s");
    assertThat(Durations.format(Duration.ofMinutes(-5))).isEqualTo("-5m");
  }

  @Test
  void describeIsCompound() {
    assertThat(Durations.describe(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.describe(Duration.ofSeconds(3 * 3600 + 12 * 60 + 5))).isEqualTo("3h12m5s");
    assertThat(Durations.describe(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(Durations.describe(Duration.ofDays(1).plusSeconds(1))).isEqualTo("1d1s");
    assertThat(Durations.describe(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.describe(Duration.ofMillis(400))).isEqualTo("0s");
    assertThat(Durations.describe(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
  }

  /** Seeded property over whole seconds below 10^9, with and without sub-second parts. */
  @Test
  void formatReadsBackAndDescribeIsNeverEmpty() {
    SplittableRandom random = new SplittableRandom(20_261_120L);
    long[] scales = {1, 60, 3_600, 86_400, 604_800};
    for (int i = 0; i < 20_000; i++) {
      long scale = scales[random.nextInt(scales.length)];
      // Under 10^9 s (31 years), where every exact form fits parse's 9 digits.
      long seconds = random.nextLong(0, 999_999_999L / scale) * scale;
      if (random.nextInt(4) == 0) {
        seconds = Math.min(999_999_999L, seconds + random.nextLong(0, 86_400));
      }
      Duration d = Duration.ofSeconds(seconds, random.nextInt(1_000_000_000));
      Duration whole = Duration.ofSeconds(seconds);
      String text = Durations.format(d);
      assertThat(Durations.parse(text, "x")).as(text).isEqualTo(whole);
      assertThat(Durations.parse(text.toUpperCase(java.util.Locale.ROOT), "x")).isEqualTo(whole);
      assertThat(Durations.parse(whole.toString(), "x")).isEqualTo(whole);
      assertThat(text.length()).isLessThanOrEqualTo(Long.toString(seconds).length() + 1);
      String human = Durations.describe(d);
      assertThat(human).isNotEmpty().matches("(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?");
      assertThat(Durations.describe(d.negated())).isNotEmpty();
    }
  }
}
