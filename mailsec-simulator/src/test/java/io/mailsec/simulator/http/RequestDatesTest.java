package io.mailsec.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestDatesTest {
  private static final Instant EXPECTED = Instant.parse("2021-10-15T10:00:01Z");

  @Test
  void acceptsTheIsoVariantsClientsSend() {
    assertThat(RequestDates.parseInstant("2021-10-15T10:00:01+0000")).contains(EXPECTED);
    assertThat(RequestDates.parseInstant("2021-10-15T10:00:01+00:00")).contains(EXPECTED);
    assertThat(RequestDates.parseInstant("2021-10-15T10:00:01Z")).contains(EXPECTED);
    assertThat(RequestDates.parseInstant("2021-10-15T10:00:01.000Z")).contains(EXPECTED);
    assertThat(RequestDates.parseInstant("2021-10-15T12:00:01+0200")).contains(EXPECTED);
    assertThat(RequestDates.parseInstant("2021-10-15"))
        .contains(Instant.parse("2021-10-15T00:00:00Z"));
    assertThat(RequestDates.parseInstant("15/10/2021")).isEmpty();
  }

  @Test
  void acceptsUtcAndGmtHeaderDatesOnly() {
    assertThat(RequestDates.parseHeaderDate("Tue, 24 Nov 2015 12:50:11 UTC"))
        .contains(Instant.parse("2015-11-24T12:50:11Z"));
    assertThat(RequestDates.parseHeaderDate("Tue, 24 Nov 2015 12:50:11 GMT"))
        .contains(Instant.parse("2015-11-24T12:50:11Z"));
    assertThat(RequestDates.parseHeaderDate("Tue, 24 Nov 2015 12:50:11 CET")).isEmpty();
    assertThat(RequestDates.parseHeaderDate("2015-11-24T12:50:11Z")).isEmpty();
  }
}
