package io.mailsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mailsec.core.event.Event;
import io.mailsec.core.store.EventStore;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The start-up warm-up of the dashboards' queries, on a real server and store. */
class QueryWarmerTest {
  @TempDir Path root;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(QueryWarmer.class)).addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    ((Logger) LoggerFactory.getLogger(QueryWarmer.class)).detachAppender(logs);
  }

  private static int dashboardQueries() {
    return QueryWarmer.queries(Instant.now()).size();
  }

  @Test
  @Timeout(60)
  void runsEveryQueryOfTheWarmedDashboardsEachRound() throws Exception {
    try (WebHarness web = new WebHarness(root, b -> b.warmUp(2))) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        events.add(
            WebHarness.siemEmail("m" + i, Instant.now().minusSeconds(60L * i), "receipt")
                .put("envelope_from", "sender" + (i % 3) + "@example.com")
                .build());
      }
      web.collect("1", events);
      QueryWarmer.Outcome outcome = web.server.warmUp().get(60, TimeUnit.SECONDS);
      assertThat(outcome.failure()).isNull();
      assertThat(outcome.queries()).isEqualTo(2 * dashboardQueries());
      assertThat(logs.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(
              m -> m.startsWith("Query warm-up done: " + 2 * dashboardQueries() + " queries"));
    }
  }

  @Test
  @Timeout(120)
  void warmsTheNewWindowsWhenTheyBegin() throws Exception {
    // The server's clock reads a few seconds before the next window change of the warmed ranges.
    Instant realNow = Instant.now();
    Instant change = QueryWarmer.nextWindowChange(realNow.plusSeconds(60));
    Clock beforeChange =
        Clock.offset(Clock.systemUTC(), Duration.between(realNow, change.minusSeconds(10)));
    try (WebHarness web = new WebHarness(root, b -> b.clock(beforeChange).warmUp(1))) {
      QueryWarmer.Outcome outcome = web.server.warmUp().get(60, TimeUnit.SECONDS);
      assertThat(outcome.queries()).isEqualTo(dashboardQueries());
      QueryWarmer warmer = web.server.warmer();
      long expected = dashboardQueries() * (1L + QueryWarmer.ROUNDS_PER_NEW_WINDOW);
      while (warmer.queriesRun() < expected) {
        Thread.sleep(100);
      }
      assertThat(beforeChange.instant()).as("warmed once the windows moved").isAfter(change);
    }
  }

  @Test
  @Timeout(60)
  void closingTheServerStopsTheWarmUp() throws Exception {
    WebHarness web = new WebHarness(root, b -> b.warmUp(1_000_000));
    CompletableFuture<QueryWarmer.Outcome> done = web.server.warmUp();
    web.close();
    QueryWarmer.Outcome outcome = done.get(60, TimeUnit.SECONDS);
    assertThat(outcome.failure()).isNull();
    assertThat(outcome.queries()).isLessThan(1_000_000 * dashboardQueries());
  }

  @Test
  void aFailingStoreEndsTheWarmUpWithALogLineAndTheServerServes() throws Exception {
    EventStore closed = LuceneEventStore.open(LuceneStoreConfig.defaults(root.resolve("closed")));
    closed.close();
    try (WebHarness web = new WebHarness(root.resolve("data"), b -> b.store(closed).warmUp(3))) {
      QueryWarmer.Outcome outcome = web.server.warmUp().get(60, TimeUnit.SECONDS);
      assertThat(outcome.queries()).isZero();
      assertThat(outcome.failure()).isNotBlank();
      assertThat(logs.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(m -> m.startsWith("Query warm-up stopped after 0 queries"));
      assertThat(web.get("/health", new WebHarness.Nobody()).status()).isEqualTo(200);
    }
  }

  @Test
  void aServerWithoutWarmUpHasNothingToWaitFor() throws Exception {
    try (WebHarness web = new WebHarness(root)) {
      assertThat(web.server.warmUp().get(0, TimeUnit.SECONDS))
          .isEqualTo(new QueryWarmer.Outcome(0, Duration.ZERO, null));
    }
  }
}
