package io.mailsec.server.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.store.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackfillPlannerTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void refusesUnorderedFutureAndEmptyRequests() {
    Instant t = NOW.minus(Duration.ofHours(1));
    assertThatThrownBy(() -> BackfillPlanner.plan(t, t, List.of("audit"), NOW))
        .hasMessageContaining("must be before");
    assertThatThrownBy(() -> BackfillPlanner.plan(t, NOW.plusSeconds(1), List.of("audit"), NOW))
        .hasMessageContaining("in the future");
    assertThatThrownBy(() -> BackfillPlanner.plan(t, NOW, List.of(), NOW))
        .hasMessageContaining("at least one");
  }

  @Test
  void clampsEachTypeToItsRetentionAndSaysSo() {
    Instant from = NOW.minus(Duration.ofDays(10));
    Instant to = NOW.minus(Duration.ofDays(1));
    List<BackfillPlanner.TypeRange> plan =
        BackfillPlanner.plan(from, to, List.of("siem", "audit", "ttp-url"), NOW);
    BackfillPlanner.TypeRange siem = plan.get(0);
    assertThat(siem.from())
        .isEqualTo(NOW.minus(Duration.ofDays(7)).plus(BackfillRetention.EDGE_MARGIN));
    assertThat(siem.clamped()).isTrue();
    assertThat(siem.note()).contains("7 days").contains(siem.from().toString());
    assertThat(plan.get(1).from()).isEqualTo(from);
    assertThat(plan.get(1).note()).isNull();
    assertThat(plan.get(2).from()).isEqualTo(from);
  }

  @Test
  void refusesATypeOfWhichNothingRemains() {
    Instant from = NOW.minus(Duration.ofDays(20));
    Instant to = NOW.minus(Duration.ofDays(8));
    assertThatThrownBy(() -> BackfillPlanner.plan(from, to, List.of("audit", "siem"), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("siem")
        .hasMessageContaining("nothing of it can be collected");
  }

  @Test
  void everyPlannedRangeLiesInsideRequestAndRetention() {
    SplittableRandom random = new SplittableRandom(7);
    List<String> types = List.of("siem", "threat-intel", "audit", "ttp-url", "dlp");
    for (int i = 0; i < 2_000; i++) {
      Instant to = NOW.minusSeconds(random.nextLong(0, 70L * 86_400));
      Instant from = to.minusSeconds(random.nextLong(1, 70L * 86_400));
      String type = types.get(random.nextInt(types.size()));
      Instant oldest = NOW.minus(BackfillRetention.of(type)).plus(BackfillRetention.EDGE_MARGIN);
      if (!to.isAfter(oldest)) {
        assertThatThrownBy(() -> BackfillPlanner.plan(from, to, List.of(type), NOW))
            .isInstanceOf(IllegalArgumentException.class);
        continue;
      }
      BackfillPlanner.TypeRange r = BackfillPlanner.plan(from, to, List.of(type), NOW).get(0);
      assertThat(r.to()).isEqualTo(to);
      assertThat(r.from()).isEqualTo(from.isBefore(oldest) ? oldest : from);
      assertThat(r.from()).isBefore(r.to());
      assertThat(r.note() != null).isEqualTo(r.clamped());
    }
  }

  @Test
  void progressFollowsTheWindowOrTheNewestEventAndNeverGoesBack() {
    Instant from = NOW.minus(Duration.ofHours(10));
    Instant to = NOW;
    Checkpoint open =
        Checkpoint.of("from", from.plus(Duration.ofHours(5)).toString(), "to", to.toString());
    Instant cursor = BackfillProgress.cursor(open, null, null);
    assertThat(BackfillProgress.fraction(from, to, cursor)).isEqualTo(0.5);
    Checkpoint complete =
        Checkpoint.of("from", from.toString(), "to", to.toString(), "complete", "true");
    assertThat(BackfillProgress.fraction(from, to, BackfillProgress.cursor(complete, null, null)))
        .isEqualTo(1.0);
    Instant later = BackfillProgress.cursor(Checkpoint.of(), from.plusSeconds(3600), cursor);
    assertThat(later).isEqualTo(cursor);
    assertThat(BackfillProgress.fraction(from, to, null)).isZero();
  }
}
