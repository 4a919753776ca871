package io.mailsec.normalize.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {
  @ParameterizedTest
  @CsvSource({
    "2021-10-18T09:02:43+0100, 2021-10-18T08:02:43Z",
    "2021-10-18T09:02:43+01:00, 2021-10-18T08:02:43Z",
    "2021-10-18T09:02:43+01, 2021-10-18T08:02:43Z",
    "2021-10-18T04:02:43-0500, 2021-10-18T09:02:43Z",
    "2021-10-18T08:02:43Z, 2021-10-18T08:02:43Z",
    "2021-10-18T08:02:43.120Z, 2021-10-18T08:02:43.120Z",
    "2021-10-18T08:02:43.1+0000, 2021-10-18T08:02:43.100Z",
    "2021-10-18T08:02:43.123456789Z, 2021-10-18T08:02:43.123456789Z",
    "2021-10-18 08:02:43 UTC, 2021-10-18T08:02:43Z",
    "2021-10-18T08:02:43, 2021-10-18T08:02:43Z",
    "2021-10-18T08:02, 2021-10-18T08:02:00Z",
    "2021-10-18, 2021-10-18T00:00:00Z",
    "1731499059314, 2024-11-13T11:57:39.314Z",
    "1731499059, 2024-11-13T11:57:39Z",
    "' 1731499059314 ', 2024-11-13T11:57:39.314Z"
  })
  void parsesEveryMimecastFormatWithoutTheDefaultZone(String text, String expected) {
    assertThat(Times.parse(text)).contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2021-13-01T00:00:00Z",
        "2021-02-30T00:00:00Z",
        "2021-10-18T25:00:00Z",
        "2021-10-18T08:02:43+2500",
        "18/10/2021 08:02",
        "NaN",
        "1e400"
      })
  void rejectsWhatIsNotATime(String text) {
    assertThat(Times.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void readsJsonNumbersAsEpochMilliseconds() {
    assertThat(Times.parse(JsonNodeFactory.instance.numberNode(1731451448010L)))
        .contains(Instant.parse("2024-11-12T22:44:08.010Z"));
    assertThat(Times.parse(JsonNodeFactory.instance.nullNode())).isEmpty();
  }
}
