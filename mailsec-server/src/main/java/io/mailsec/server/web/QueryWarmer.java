package io.mailsec.server.web;

import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QueryOptions;
import io.mailsec.core.ql.StoreQueryRunner;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dashboards' queries ({@link DashboardCatalog}, last 24 hours and last 7 days) a few
 * rounds on one background thread after the server starts, like Solr's first-searcher warming: a
 * fresh JVM compiles the store's query code while it runs it, and the store builds per-segment
 * caches (term fingerprints, the query cache's filters of the current windows) at first use, which
 * made the first dashboards after a start take twice as long as later ones with millions of events.
 * Then, whenever a warmed range's window moves on (the dashboards' windows are whole intervals), it
 * runs the new window's queries {@value #ROUNDS_PER_NEW_WINDOW} times, so that the store caches
 * their filters before analysts ask. Answers are discarded; a failing query ends the warm-up with a
 * log line and never affects the server.
 */
public final class QueryWarmer implements AutoCloseable {
  /** The ranges warmed: the dashboards' default and the one analysts open next. */
  static final List<String> RANGES = List.of("24h", "7d");

  /** Rounds at each new window: the store's query cache keeps a query from its fourth use. */
  static final int ROUNDS_PER_NEW_WINDOW = 4;

  private static final Logger LOG = LoggerFactory.getLogger(QueryWarmer.class);

  /**
   * What the start-up warm-up did: {@code queries} run in {@code took}; {@code failure} says why it
   * stopped early (null when it ran every round or was closed).
   */
  public record Outcome(int queries, Duration took, String failure) {}

  private final EventStore store;
  private final Clock clock;
  private final int rounds;
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  private final Thread thread;
  private final QueryLanguage ql =
      new QueryLanguage(SchemaRegistry.standard(), QueryOptions.DEFAULTS);
  private final StoreQueryRunner runner =
      new StoreQueryRunner(SchemaRegistry.standard(), QueryOptions.DEFAULTS);
  private final AtomicLong queriesRun = new AtomicLong();
  private final Object sleep = new Object();
  private volatile boolean closed;

  QueryWarmer(EventStore store, Clock clock, int rounds) {
    this.store = store;
    this.clock = clock;
    this.rounds = rounds;
    this.thread = new Thread(this::run, "mailsec-query-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
  }

  /** Starts the warm-up on its thread; {@link #done()} completes when it ends. */
  QueryWarmer start() {
    thread.start();
    return this;
  }

  /** Completes when the start-up warm-up has ended (all rounds, failed, or closed). */
  public CompletableFuture<Outcome> done() {
    return done;
  }

  /** Queries run so far, at the start and for new windows. */
  long queriesRun() {
    return queriesRun.get();
  }

  private void run() {
    LOG.info("Warming the dashboards' queries in the background (rounds: {})", rounds);
    long started = System.nanoTime();
    String failure = null;
    try {
      runRounds(rounds);
    } catch (RuntimeException e) {
      failure = closed ? null : String.valueOf(e.getMessage());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    int run = (int) queriesRun.get();
    if (failure != null) {
      LOG.warn("Query warm-up stopped after {} queries: {}", run, failure);
    } else {
      LOG.info("Query warm-up done: {} queries in {} ms", run, took.toMillis());
    }
    done.complete(new Outcome(run, took, failure));
    if (failure == null) {
      keepWarm();
    }
  }

  /** At each move of a warmed window, runs the new window's queries. */
  private void keepWarm() {
    try {
      while (sleepUntil(nextWindowChange(clock.instant()))) {
        runRounds(ROUNDS_PER_NEW_WINDOW);
        LOG.debug("Dashboards' queries warmed for the windows of {}", clock.instant());
      }
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("Keeping the dashboards' queries warm stopped: {}", e.getMessage());
      }
    }
  }

  private void runRounds(int n) {
    for (int round = 0; round < n && !closed; round++) {
      Instant now = clock.instant();
      for (String query : queries(now)) {
        if (closed) {
          return;
        }
        runner.run(ql.plan(query, now), store);
        queriesRun.incrementAndGet();
      }
    }
  }

  /** The next instant a warmed range's window moves on: the end of its interval holding now. */
  static Instant nextWindowChange(Instant now) {
    return RANGES.stream()
        .map(r -> DashboardCatalog.window(DashboardCatalog.range(r), now).to())
        .min(Instant::compareTo)
        .orElseThrow();
  }

  /** Waits until the clock reaches the instant; false when closed first. */
  private boolean sleepUntil(Instant instant) {
    synchronized (sleep) {
      while (!closed) {
        long millis = Duration.between(clock.instant(), instant).toMillis();
        if (millis <= 0) {
          return true;
        }
        try {
          sleep.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }
  }

  /** The queries of the warmed dashboards at now. */
  static List<String> queries(Instant now) {
    return RANGES.stream()
        .flatMap(r -> DashboardCatalog.queries(DashboardCatalog.range(r), now).stream())
        .toList();
  }

  /** Stops after the query running now and waits for that. */
  @Override
  public void close() {
    closed = true;
    synchronized (sleep) {
      sleep.notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
