package io.mailsec.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the query harness on a few thousand events. The harness itself fails when our path and the
 * baseline disagree on a hit count, so completing means both sides matched on every query.
 */
class QueryBenchmarkSmokeTest {
  private static final Set<QueryBenchmark.Kind> ALL = EnumSet.allOf(QueryBenchmark.Kind.class);

  @TempDir Path work;

  @Test
  void everyKindRunsOnBothSidesWithTheSameHits() throws Exception {
    List<String> progress = new ArrayList<>();
    Path store = work.resolve("store");
    QueryBenchmark.Settings settings =
        new QueryBenchmark.Settings(3000, store, false, 1000, 0, 1, 5, 7, ALL);

    List<QueryBenchmark.Result> results = new QueryBenchmark(settings, progress::add).run();

    assertThat(results)
        .extracting(QueryBenchmark.Result::kind)
        .containsExactly(QueryBenchmark.Kind.values());
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.oursMillis()).hasSize(5);
              assertThat(r.baselineMillis()).hasSize(5);
            });
    // Aggregations over a 7-day window of 30 days of data always find events.
    assertThat(results.get(2).hits()).isPositive();
    assertThat(results.get(3).hits()).isPositive();
    assertThat(progress).anyMatch(line -> line.startsWith("store: 3,000 events"));
    assertThat(BenchMain.queryReport(results)).contains("(a) ", "(d) ", "x p95");

    // A second run reuses the store instead of building it again.
    List<QueryBenchmark.Result> again =
        new QueryBenchmark(
                new QueryBenchmark.Settings(3000, store, true, 1000, 0, 1, 5, 7, ALL), s -> {})
            .run();
    assertThat(again)
        .extracting(QueryBenchmark.Result::hits)
        .isEqualTo(results.stream().map(QueryBenchmark.Result::hits).toList());

    // --kinds measures only the kinds asked for, with the same draws as a full run.
    List<QueryBenchmark.Result> some =
        new QueryBenchmark(
                new QueryBenchmark.Settings(
                    3000,
                    store,
                    true,
                    1000,
                    0,
                    1,
                    5,
                    7,
                    EnumSet.of(
                        QueryBenchmark.Kind.ofLetter("d"), QueryBenchmark.Kind.ofLetter("a"))),
                s -> {})
            .run();
    assertThat(some)
        .extracting(QueryBenchmark.Result::kind, QueryBenchmark.Result::hits)
        .containsExactly(
            tuple(QueryBenchmark.Kind.FILTER_SORT_HEAD, results.get(0).hits()),
            tuple(QueryBenchmark.Kind.HISTOGRAM, results.get(3).hits()));
    assertThatThrownBy(() -> QueryBenchmark.Kind.ofLetter("e"))
        .hasMessageContaining("use a, b, c or d");
  }

  @Test
  void refusesToBuildIntoAnExistingStoreWithoutReuse() throws Exception {
    Path store = work.resolve("store");
    new QueryBenchmark(
            new QueryBenchmark.Settings(500, store, false, 500, 0, 1, 1, 7, ALL), s -> {})
        .run();
    assertThatThrownBy(
            () ->
                new QueryBenchmark(
                        new QueryBenchmark.Settings(500, store, false, 500, 0, 1, 1, 7, ALL),
                        s -> {})
                    .run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--reuse");
  }
}
