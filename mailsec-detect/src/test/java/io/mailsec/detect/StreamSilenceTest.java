package io.mailsec.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.EventStore;
import io.mailsec.detect.StreamSilenceDetector.StreamStatus;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A silent stream raises one alert, resolved by the system when data flows again. */
class StreamSilenceTest {
  @TempDir Path dir;

  @Test
  void raisesOnceThenResolves() {
    Instant t0 = Instant.parse("2026-02-02T10:00:00Z");
    AtomicReference<Instant> now = new AtomicReference<>(t0);
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneId.of("UTC");
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    try (EventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir))) {
      DetectionEngine engine =
          DetectionEngine.start(
              store,
              RuleSet.load(DetectionConfig.DEFAULTS, null, Map.of()),
              DetectionConfig.DEFAULTS,
              clock);
      StreamStatus quietSinceT0 = new StreamStatus(TestEvents.SIEM, "tenant-1", t0, "HTTP 401");
      now.set(t0.plus(Duration.ofMinutes(90)));
      engine.reportStreams(List.of(quietSinceT0));
      assertThat(alerts(store)).isEmpty();
      now.set(t0.plus(Duration.ofHours(3)));
      engine.reportStreams(List.of(quietSinceT0));
      engine.reportStreams(List.of(quietSinceT0));
      assertThat(alerts(store))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.string("status")).contains("open");
                assertThat(a.string("description").orElseThrow()).contains("HTTP 401");
                assertThat(a.get("entities.streams")).containsExactly("demo/siem");
              });
      engine.reportStreams(List.of(new StreamStatus(TestEvents.SIEM, "tenant-1", now.get(), null)));
      assertThat(alerts(store))
          .singleElement()
          .satisfies(a -> assertThat(a.string("status")).contains("resolved"));
    }
  }

  private static List<Event> alerts(EventStore store) {
    return TestEvents.alertsOf(store, StreamSilenceDetector.RULE_ID);
  }
}
