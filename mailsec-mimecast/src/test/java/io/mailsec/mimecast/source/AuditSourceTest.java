package io.mailsec.mimecast.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditSourceTest extends SourceContractTest {
  private static final Duration LOOK_BACK = Duration.ofDays(90);

  @Override
  String dataType() {
    return "audit";
  }

  @Override
  boolean api2() {
    return false;
  }

  @Override
  String apiPath() {
    return "/api/audit/get-audit-events";
  }

  /** Longer than Mimecast's 60 days, so the first run clips it. */
  @Override
  Duration lookBack() {
    return LOOK_BACK;
  }

  @Override
  String groundTruthQuery(Instant now) {
    return "type=audit&from="
        + clipStart(now)
        + "&to="
        + now.minus(SourceSettings.DEFAULT_SETTLE_DELAY);
  }

  private static Instant clipStart(Instant now) {
    return now.minus(AuditSource.RETENTION).plus(WindowedLogReader.RETENTION_MARGIN);
  }

  /** The part of the look-back beyond Mimecast's 60 days is one interval gap. */
  @Override
  void checkFirstRunGaps(List<Gap> gaps) {
    Instant now = SimHarness.T0;
    assertThat(gaps).hasSize(1);
    Gap gap = gaps.get(0);
    assertThat(gap.stream()).isEqualTo(settings().stream());
    assertThat(gap.from()).isEqualTo(now.minus(LOOK_BACK));
    assertThat(gap.to()).isEqualTo(clipStart(now));
    assertThat(gap.reason()).contains("60 days");
  }

  @Test
  void aFinishedWindowLeftBehindTheRetentionContinuesInsideItWithAGap() throws Exception {
    Instant now = sim.now();
    Instant oldEnd = now.minus(Duration.ofDays(69));
    Checkpoint old =
        Checkpoint.of(
            WindowedLogReader.FROM, now.minus(Duration.ofDays(70)).toString(),
            WindowedLogReader.TO, oldEnd.toString(),
            WindowedLogReader.COMPLETE, "true");
    try (Source source = newSource()) {
      SourceBatch batch = source.poll(Optional.of(old));

      assertThat(batch.gaps())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.from()).isEqualTo(oldEnd);
                assertThat(gap.to()).isEqualTo(clipStart(now));
              });
      assertThat(batch.next().get(WindowedLogReader.FROM)).isEqualTo(clipStart(now).toString());
      assertThat(batch.records()).isNotEmpty();
    }
  }

  @Test
  void anUnfinishedWindowLeftBehindTheRetentionRestartsInsideIt() throws Exception {
    Instant now = sim.now();
    Instant oldStart = now.minus(Duration.ofDays(70));
    Checkpoint old =
        Checkpoint.of(
            WindowedLogReader.FROM, oldStart.toString(),
            WindowedLogReader.TO, now.minus(Duration.ofDays(69)).toString(),
            WindowedLogReader.PAGE_TOKEN, "stale");
    try (Source source = newSource()) {
      SourceBatch batch = source.poll(Optional.of(old));

      assertThat(batch.gaps())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.from()).isEqualTo(oldStart);
                assertThat(gap.to()).isEqualTo(clipStart(now));
              });
      assertThat(batch.next().get(WindowedLogReader.FROM)).isEqualTo(clipStart(now).toString());
    }
  }
}
