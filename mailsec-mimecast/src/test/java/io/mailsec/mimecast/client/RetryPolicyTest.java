package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMinutes(1));

  @Test
  void doublesPerAttemptUpToTheCap() {
    assertThat(policy.backoff(1, 1.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2, 1.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(3, 1.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoff(4, 1.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.backoff(5, 1.0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoff(60, 1.0)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void jitterStaysInTheUpperHalf() {
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(300));
    assertThat(policy.backoff(3, 7.0)).isEqualTo(Duration.ofMillis(400));
  }
}
