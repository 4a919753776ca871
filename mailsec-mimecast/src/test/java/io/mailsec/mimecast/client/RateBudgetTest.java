package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.Secret;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private final RateBudget budget = new RateBudget("api2:client");

  @Test
  void unknownBudgetNeverDelays() {
    for (int i = 0; i < 1000; i++) {
      assertThat(budget.tryReserve(T0)).isZero();
    }
  }

  @Test
  void countsDownReportedRemainingThenWaitsForTheReset() {
    budget.observe(10, 2, 1500L, T0);

    assertThat(budget.tryReserve(T0)).isZero();
    assertThat(budget.tryReserve(T0.plusMillis(10))).isZero();
    assertThat(budget.tryReserve(T0.plusMillis(500))).isEqualTo(Duration.ofMillis(1000));
    // Reset is in milliseconds: after 1.5 s at least one call is allowed again.
    assertThat(budget.tryReserve(T0.plusMillis(1500))).isZero();
    assertThat(budget.snapshot().limit()).isEqualTo(10);
  }

  @Test
  void throttleBlocksEveryCallerUntilTheWaitIsOver() {
    budget.throttled(Duration.ofMillis(2000), T0);

    assertThat(budget.tryReserve(T0.plusMillis(500))).isEqualTo(Duration.ofMillis(1500));
    assertThat(budget.tryReserve(T0.plusMillis(1999))).isEqualTo(Duration.ofMillis(1));
    assertThat(budget.tryReserve(T0.plusMillis(2000))).isZero();
    assertThat(budget.snapshot().throttledCount()).isEqualTo(1);
  }

  @Test
  void aLaterShorterThrottleDoesNotShortenTheBlock() {
    budget.throttled(Duration.ofSeconds(10), T0);
    budget.throttled(Duration.ofSeconds(1), T0.plusSeconds(1));

    assertThat(budget.tryReserve(T0.plusSeconds(5))).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void remainingZeroWithoutResetDoesNotBlockForever() {
    budget.observe(null, 0, null, T0);

    assertThat(budget.tryReserve(T0)).isZero();
  }

  @Test
  void registrySharesOneBudgetPerCredential() {
    RateBudgets budgets = RateBudgets.create();
    RateBudget a = budgets.forCredentials(new Api2Credentials("c1", Secret.of("s1")));
    RateBudget b = budgets.forCredentials(new Api2Credentials("c1", Secret.of("other")));
    RateBudget c = budgets.forCredentials(new Api2Credentials("c2", Secret.of("s1")));

    assertThat(a).isSameAs(b).isNotSameAs(c);
    a.throttled(Duration.ofSeconds(3), T0);
    assertThat(b.tryReserve(T0)).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.tryReserve(T0)).isZero();
    assertThat(budgets.snapshots()).hasSize(2);
  }
}
