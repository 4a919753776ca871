package io.mailsec.mimecast.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.store.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TtpUrlSourceTest extends SourceContractTest {
  @Override
  String dataType() {
    return "ttp-url";
  }

  @Override
  boolean api2() {
    return true;
  }

  @Override
  String apiPath() {
    return "/api/ttp/url/get-logs";
  }

  @Override
  int maxRecordsPerBatch() {
    return 20;
  }

  /** A caught-up window ends at the live edge, now minus the settle delay. */
  @Override
  String groundTruthQuery(Instant now) {
    return "type=ttp-url&to=" + now.minus(SourceSettings.DEFAULT_SETTLE_DELAY);
  }

  /** Pain #1: the next window follows the previous window's end, never the last event's time. */
  @Test
  void theNextWindowStartsJustBeforeThePreviousEndEvenWithoutNewEvents() throws Exception {
    try (Source source = newSource()) {
      Checkpoint caughtUp = drain(source, Optional.empty()).last();
      Instant end = Instant.parse(caughtUp.get(WindowedLogReader.TO));
      assertThat(end).isEqualTo(SimHarness.T0.minus(SourceSettings.DEFAULT_SETTLE_DELAY));

      sim.advance(Duration.ofMinutes(10));
      SourceBatch next = source.poll(Optional.of(caughtUp));

      assertThat(Instant.parse(next.next().get(WindowedLogReader.FROM)))
          .isEqualTo(end.minus(SourceSettings.DEFAULT_WINDOW_OVERLAP));
      assertThat(Instant.parse(next.next().get(WindowedLogReader.TO)))
          .isEqualTo(sim.now().minus(SourceSettings.DEFAULT_SETTLE_DELAY));
      assertThat(next.next().get(WindowedLogReader.COMPLETE)).isEqualTo("true");
      assertThat(next.caughtUp()).isTrue();
    }
  }

  @Test
  void lessThanAMinuteOfNewTimeDoesNotOpenAWindow() throws Exception {
    try (Source source = newSource()) {
      Checkpoint caughtUp = drain(source, Optional.empty()).last();
      sim.advance(Duration.ofSeconds(30));
      SourceBatch next = source.poll(Optional.of(caughtUp));

      assertThat(next.caughtUp()).isTrue();
      assertThat(next.next()).isEqualTo(caughtUp);
    }
  }

  @Test
  void aRefusedPageTokenRestartsTheWindowFromItsFirstPage() throws Exception {
    Instant to = sim.now().minus(SourceSettings.DEFAULT_SETTLE_DELAY);
    Instant from = to.minus(Duration.ofDays(1));
    Checkpoint withBadToken =
        Checkpoint.of(
            WindowedLogReader.FROM, from.toString(),
            WindowedLogReader.TO, to.toString(),
            WindowedLogReader.PAGE_TOKEN, "not-a-token-from-mimecast");
    Set<Map<String, String>> truth = sim.groundTruth("type=ttp-url&from=" + from + "&to=" + to);
    try (Source source = newSource()) {
      Polls.Run run = drain(source, Optional.of(withBadToken));

      assertThat(keys(run.records())).containsAll(truth);
    }
  }

  @Test
  void emptyPagesThatCarryANextTokenAreFollowed() throws Exception {
    try (ScriptedMimecast mimecast = new ScriptedMimecast(apiPath())) {
      mimecast
          .then(page("[]", "t1"))
          .then(page("[{\"clickLogs\":[]}]", "t2"))
          .then(page("[{\"clickLogs\":[{\"url\":\"https://a.example/\"}]}]", null));
      Source source = scriptedSource(mimecast);
      Polls.Run run = drain(source, Optional.empty());

      assertThat(run.polls()).hasSize(3);
      assertThat(run.records())
          .singleElement()
          .satisfies(r -> assertThat(r.text()).contains("a.example"));
      assertThat(run.gaps()).isEmpty();
      assertThat(mimecast.requests.get(1)).contains("\"pageToken\":\"t1\"");
      assertThat(mimecast.requests.get(2)).contains("\"pageToken\":\"t2\"");
    }
  }

  @Test
  void aNextTokenThatNeverLeadsAnywhereEndsTheWindowWithAGap() throws Exception {
    try (ScriptedMimecast mimecast = new ScriptedMimecast(apiPath())) {
      mimecast.then(page("[]", "same")).then(page("[]", "same"));
      Source source = scriptedSource(mimecast);
      Polls.Run run = drain(source, Optional.empty());

      assertThat(run.polls()).hasSize(2);
      assertThat(run.gaps())
          .singleElement()
          .satisfies(
              gap -> {
                assertThat(gap.from()).isEqualTo(SimHarness.T0.minus(Duration.ofHours(1)));
                assertThat(gap.reason()).contains("empty pages");
              });
      assertThat(run.last().get(WindowedLogReader.COMPLETE)).isEqualTo("true");
    }
  }

  /** One window, [T0 - 1 h, T0 - 1 min], so the script ends with a caught-up batch. */
  private Source scriptedSource(ScriptedMimecast mimecast) {
    return MimecastSources.create(
        dataType(), mimecast.client(), settings().withLookBack(Duration.ofHours(1)));
  }

  private static String page(String data, String next) {
    return "{\"meta\":{\"status\":200,\"pagination\":{"
        + (next == null ? "" : "\"next\":\"" + next + "\"")
        + "}},\"data\":"
        + data
        + ",\"fail\":[]}";
  }
}
