package io.mailsec.normalize.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventInfoTest {
  @Test
  void readsLabelledDetailsAndIgnoresTheLeadingSentence() {
    assertThat(
            EventInfo.details(
                "Successful authentication for johndoe@example.com <John Doe>, Date: 2021-10-11,"
                    + " Time: 18:17:30 BST, IP: 67.43.156.15, Application: Administration Console,"
                    + " Method: Two Step Auth, 2FA: TOTP"))
        .containsExactly(
            java.util.Map.entry("date", "2021-10-11"),
            java.util.Map.entry("time", "18:17:30 BST"),
            java.util.Map.entry("ip", "67.43.156.15"),
            java.util.Map.entry("application", "Administration Console"),
            java.util.Map.entry("method", "Two Step Auth"),
            java.util.Map.entry("2fa", "TOTP"));
    assertThat(EventInfo.details("Policy changed, Reason: a, b: c"))
        .containsEntry("reason", "a")
        .containsEntry("b", "c");
    assertThat(EventInfo.details("no details at all")).isEmpty();
  }
}
