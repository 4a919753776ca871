package io.mailsec.server.collect;

import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.StreamId;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.normalize.ApiVersion;
import io.mailsec.normalize.Cidr;
import io.mailsec.normalize.MimecastNormalizer;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.server.config.IntegrationConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the collection streams of the enabled integrations: once until caught up ({@link
 * #collectOnce}) or continuously on each integration's poll interval ({@link #start}).
 */
public final class Collector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  /** Longest wait after a failed poll before the stream tries again. */
  static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

  private final List<Stream> streams;
  private final int threads;
  private volatile boolean stopping;
  private ScheduledExecutorService scheduler;

  /** A stream to run and how often. */
  record Stream(StreamRunner runner, Duration pollInterval) {}

  Collector(List<Stream> streams, int threads) {
    this.streams = List.copyOf(streams);
    this.threads = Math.max(1, Math.min(threads, Math.max(1, streams.size())));
  }

  /** Builds the streams of every enabled integration (a stream per selected data type). */
  public static Collector forIntegrations(
      List<IntegrationConfig> integrations,
      MimecastClients clients,
      SourceProvider sources,
      EventStore store,
      Clock clock,
      int threads) {
    MimecastNormalizer normalizer = new MimecastNormalizer();
    List<Stream> streams = new ArrayList<>();
    for (IntegrationConfig integration : integrations) {
      if (!integration.enabled()) {
        continue;
      }
      MimecastClient client = clients.forIntegration(integration);
      for (DataType type : DataType.values()) {
        if (!integration.dataTypes().contains(type)) {
          continue;
        }
        StreamId id = new StreamId(integration.id(), type.id());
        StreamRunner runner =
            new StreamRunner(
                id,
                sources.create(integration, type, client, id),
                store,
                normalizer,
                context(integration, type),
                clock);
        streams.add(new Stream(runner, integration.pollInterval()));
      }
    }
    return new Collector(streams, threads);
  }

  static NormalizationContext context(IntegrationConfig integration, DataType type) {
    return NormalizationContext.builder(
            integration.tenant(),
            integration.id(),
            io.mailsec.normalize.DataType.fromWireName(type.id()).orElseThrow())
        .apiVersion(ApiVersion.fromWireName(integration.apiVersion().label()).orElseThrow())
        .internalDomains(
            integration.internalDomains().stream()
                .map(d -> d.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new)))
        .internalNetworks(integration.internalNetworks().stream().map(Cidr::parse).toList())
        .ingestTime(Instant.EPOCH) // replaced per batch by the runner
        .build();
  }

  public List<StreamId> streams() {
    return streams.stream().map(s -> s.runner().stream()).toList();
  }

  public List<StreamHealth> health() {
    return streams.stream().map(s -> s.runner().health()).toList();
  }

  /**
   * Runs every stream until it is caught up, streams in parallel, and returns each stream's totals
   * (or its failure). {@code listener} sees every batch as it is committed.
   */
  public Map<StreamId, StreamResult> collectOnce(ProgressListener listener)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, named("mailsec-collect"));
    try {
      Map<StreamId, Future<StreamResult>> futures = new LinkedHashMap<>();
      for (Stream stream : streams) {
        StreamRunner runner = stream.runner();
        futures.put(runner.stream(), pool.submit(() -> runToEnd(runner, listener)));
      }
      Map<StreamId, StreamResult> results = new LinkedHashMap<>();
      for (Map.Entry<StreamId, Future<StreamResult>> entry : futures.entrySet()) {
        try {
          results.put(entry.getKey(), entry.getValue().get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("stream " + entry.getKey() + " crashed", e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private StreamResult runToEnd(StreamRunner runner, ProgressListener listener) {
    try {
      RunTotals totals =
          runner.runUntilCaughtUp(o -> listener.batch(runner.stream(), o), () -> stopping);
      return new StreamResult(totals, runner.health().caughtUp(), null);
    } catch (Exception e) {
      String reason = StreamRunner.describe(e);
      listener.failed(runner.stream(), reason);
      return new StreamResult(RunTotals.ZERO, false, reason);
    }
  }

  /**
   * Starts continuous collection: each stream runs until caught up, then waits its poll interval;
   * after a failure it retries with a growing delay (at most the poll interval or {@link
   * #MAX_RETRY_DELAY}).
   */
  public synchronized void start(ProgressListener listener) {
    if (scheduler != null) {
      throw new IllegalStateException("already started");
    }
    scheduler = Executors.newScheduledThreadPool(threads, named("mailsec-stream"));
    for (Stream stream : streams) {
      scheduler.execute(() -> cycle(stream, listener, 0));
    }
  }

  private void cycle(Stream stream, ProgressListener listener, int failures) {
    if (stopping) {
      return;
    }
    StreamRunner runner = stream.runner();
    Duration delay;
    int nextFailures;
    try {
      runner.runUntilCaughtUp(o -> listener.batch(runner.stream(), o), () -> stopping);
      delay = stream.pollInterval();
      nextFailures = 0;
    } catch (Exception e) {
      String reason = StreamRunner.describe(e);
      LOG.warn("stream {} failed: {}", runner.stream(), reason);
      listener.failed(runner.stream(), reason);
      nextFailures = failures + 1;
      long seconds = Math.min(1L << Math.min(nextFailures, 10), MAX_RETRY_DELAY.toSeconds());
      delay = min(Duration.ofSeconds(seconds), min(stream.pollInterval(), MAX_RETRY_DELAY));
    }
    if (!stopping) {
      int f = nextFailures;
      scheduler.schedule(() -> cycle(stream, listener, f), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * Asks every stream to stop after its current batch (each batch is committed whole or not at
   * all); {@link #collectOnce} then returns early. Does not wait.
   */
  public void stop() {
    stopping = true;
  }

  /** Stops scheduling, lets running batches finish (bounded wait) and closes the sources. */
  @Override
  public synchronized void close() {
    stopping = true;
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
          scheduler.shutdownNow();
        }
      } catch (InterruptedException e) {
        scheduler.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    for (Stream stream : streams) {
      stream.runner().close();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The outcome of one stream in {@link #collectOnce}: its totals, whether it reached the newest
   * data (false when stopped early), or why it failed.
   */
  public record StreamResult(RunTotals totals, boolean caughtUp, String failure) {
    public boolean failed() {
      return failure != null;
    }
  }

  /** Receives progress; called from collection threads. */
  public interface ProgressListener {
    void batch(StreamId stream, BatchOutcome outcome);

    default void failed(StreamId stream, String reason) {}

    ProgressListener NONE = (stream, outcome) -> {};
  }
}
