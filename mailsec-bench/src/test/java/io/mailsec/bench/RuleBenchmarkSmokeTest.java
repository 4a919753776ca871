package io.mailsec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the rule benchmark on a few thousand events: both configurations store every event (the
 * harness checks that itself), detection really runs (indicators mark events) and the report shows
 * the ratio.
 */
class RuleBenchmarkSmokeTest {
  @TempDir Path work;

  @Test
  void bothConfigurationsRunAndDetectionDoesWork() throws Exception {
    List<String> progress = new ArrayList<>();
    RuleBenchmark.Settings settings = new RuleBenchmark.Settings(3000, 500, 0, 2, 16, 100, 7, work);

    RuleBenchmark.Result result = new RuleBenchmark(settings, progress::add).run();

    assertThat(result.direct().name()).isEqualTo(RuleBenchmark.DIRECT);
    assertThat(result.detecting().name()).isEqualTo(RuleBenchmark.DETECTING);
    assertThat(result.direct().min()).isPositive();
    assertThat(result.detecting().min()).isPositive();
    assertThat(result.markedEvents()).isPositive();
    // 25 of the 100 indicators come from the data, each carried by one event.
    assertThat(result.markedEvents()).isLessThanOrEqualTo(25);
    assertThat(result.matchingEvents()).isBetween(result.markedEvents(), 3000L);
    assertThat(result.events()).isEqualTo(3000);
    assertThat(progress.get(0)).startsWith("3000 events (3000 distinct ids), 100 indicators");
    assertThat(progress).filteredOn(l -> l.contains(RuleBenchmark.DETECTING)).hasSize(2);
    assertThat(progress).filteredOn(l -> l.contains(RuleBenchmark.DIRECT)).hasSize(2);
    assertThat(BenchMain.rulesReport(result))
        .contains(
            RuleBenchmark.DIRECT,
            RuleBenchmark.DETECTING,
            "ratio with / without",
            "match at least one rule",
            "per 1,000 events");
    assertThat(work).isEmptyDirectory();
  }
}
