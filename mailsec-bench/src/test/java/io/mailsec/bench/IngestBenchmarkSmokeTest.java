package io.mailsec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole harness on a few events: every configuration indexes (and checks) all events. */
class IngestBenchmarkSmokeTest {
  @TempDir Path work;

  @Test
  void everyConfigurationRunsAndReportsItsRatio() throws Exception {
    List<String> progress = new ArrayList<>();
    IngestBenchmark.Settings settings = new IngestBenchmark.Settings(1000, 300, 0, 1, 16, 7, work);

    List<Measurement> results = new IngestBenchmark(settings, progress::add).run();

    assertThat(results)
        .extracting(m -> m.name() + " T=" + m.threads())
        .containsExactlyInAnyOrder(
            "raw Lucene baseline T=1",
            "LuceneEventStore.commit T=1",
            "store, no substring index T=1",
            "normalize only T=1",
            "raw Lucene baseline T=2",
            "LuceneEventStore.commit T=2",
            "store, no substring index T=2",
            "normalize only T=2");
    assertThat(results).allSatisfy(m -> assertThat(m.median()).isPositive());
    assertThat(progress.get(0)).startsWith("1000 events (1000 distinct ids)");
    assertThat(BenchMain.report(results)).contains("LuceneEventStore.commit", "ratio to baseline");
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void generatorIsDeterministic() {
    MimecastRecordGenerator a = new MimecastRecordGenerator(42);
    MimecastRecordGenerator b = new MimecastRecordGenerator(42);
    for (int i = 0; i < 100; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }
}
