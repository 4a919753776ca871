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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dashboards' queries ({@link DashboardCatalog}, last 24 hours and last 7 days) a few
 * rounds on one background thread after the server starts, like Solr's first-searcher warming: a
 * fresh JVM compiles the store's query code while it runs it, and the store builds per-segment
 * caches (term fingerprints, the query cache's filters of the current windows) at first use, which
 * made the first dashboards after a start take twice as long as later ones with millions of events.
 * Answers are discarded; a failing query ends the warm-up with a log line and never affects the
 * server.
 */
public final class QueryWarmer implements AutoCloseable {
  /** The ranges warmed: the dashboards' default and the one analysts open next. */
  static final List<String> RANGES = List.of("24h", "7d");

  private static final Logger LOG = LoggerFactory.getLogger(QueryWarmer.class);

  /**
   * What a warm-up did: {@code queries} run in {@code took}; {@code failure} says why it stopped
   * early (null when it ran every round or was closed).
   */
  public record Outcome(int queries, Duration took, String failure) {}

  private final EventStore store;
  private final Clock clock;
  private final int rounds;
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  private final Thread thread;
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

  /** Completes when the warm-up has ended (all rounds, failed, or closed). */
  public CompletableFuture<Outcome> done() {
    return done;
  }

  private void run() {
    QueryLanguage ql = new QueryLanguage(SchemaRegistry.standard(), QueryOptions.DEFAULTS);
    StoreQueryRunner runner =
        new StoreQueryRunner(SchemaRegistry.standard(), QueryOptions.DEFAULTS);
    LOG.info("Warming the dashboards' queries in the background ({} rounds)", rounds);
    long started = System.nanoTime();
    int run = 0;
    String failure = null;
    try {
      for (int round = 0; round < rounds && !closed; round++) {
        Instant now = clock.instant();
        for (String query : queries(now)) {
          if (closed) {
            break;
          }
          runner.run(ql.plan(query, now), store);
          run++;
        }
      }
    } catch (RuntimeException e) {
      failure = closed ? null : String.valueOf(e.getMessage());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (failure != null) {
      LOG.warn("Query warm-up stopped after {} queries: {}", run, failure);
    } else {
      LOG.info("Query warm-up done: {} queries in {} ms", run, took.toMillis());
    }
    done.complete(new Outcome(run, took, failure));
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
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
