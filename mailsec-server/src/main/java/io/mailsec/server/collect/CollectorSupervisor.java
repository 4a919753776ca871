package io.mailsec.server.collect;

import io.mailsec.core.store.StreamId;
import io.mailsec.server.config.IntegrationConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Collector} per enabled integration, so that integrations can be added, changed,
 * disabled and removed while the server runs ({@link #apply}, {@link #remove}) without touching the
 * streams of the others.
 *
 * <p>Changes are carried out one at a time on a background thread: the old collector of the
 * integration is closed first (its batches in flight finish and commit), then the new one starts
 * from the stored checkpoints. So at most one runner ever commits for a stream. Thread-safe.
 */
public final class CollectorSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CollectorSupervisor.class);

  private final Function<IntegrationConfig, Collector> factory;
  private final Map<String, Collector> collectors = new TreeMap<>();
  private final ExecutorService changes =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "mailsec-integration-changes");
            t.setDaemon(true);
            return t;
          });
  private Collector.ProgressListener listener;
  private boolean started;
  private boolean closed;

  /**
   * @param factory builds the collector of one enabled integration (e.g. with a shared {@link
   *     MimecastClients} so integrations sharing credentials share a rate budget)
   */
  public CollectorSupervisor(Function<IntegrationConfig, Collector> factory) {
    this.factory = factory;
  }

  /** A supervisor holding (not yet running) the collectors of the enabled integrations. */
  public static CollectorSupervisor of(
      List<IntegrationConfig> integrations, Function<IntegrationConfig, Collector> factory) {
    CollectorSupervisor supervisor = new CollectorSupervisor(factory);
    for (IntegrationConfig integration : integrations) {
      if (integration.enabled()) {
        supervisor.collectors.put(integration.id(), factory.apply(integration));
      }
    }
    return supervisor;
  }

  /** Runs every stream until caught up (see {@link Collector#collectOnce}), integration by one. */
  public Map<StreamId, Collector.StreamResult> collectOnce(Collector.ProgressListener progress)
      throws InterruptedException {
    Map<StreamId, Collector.StreamResult> results = new LinkedHashMap<>();
    for (Collector collector : snapshot()) {
      results.putAll(collector.collectOnce(progress));
    }
    return results;
  }

  /** Starts continuous collection of every held collector, and of those applied later. */
  public synchronized void start(Collector.ProgressListener progress) {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    listener = progress;
    collectors.values().forEach(c -> c.start(progress));
  }

  /**
   * Replaces the streams of an integration by those of its new configuration (none when it is
   * disabled). Returns at once; the returned future completes when the change is in effect.
   */
  public Future<?> apply(IntegrationConfig integration) {
    return changes.submit(
        () -> {
          try {
            replace(integration);
          } catch (RuntimeException e) {
            LOG.error("integration {}: cannot start its streams", integration.id(), e);
            throw e;
          }
        });
  }

  private void replace(IntegrationConfig integration) {
    closeCollector(integration.id());
    if (integration.enabled()) {
      Collector fresh = factory.apply(integration);
      synchronized (this) {
        if (closed) {
          fresh.close();
          return;
        }
        collectors.put(integration.id(), fresh);
        if (started) {
          fresh.start(listener);
        }
      }
    }
    LOG.info(
        "integration {}: streams {}",
        integration.id(),
        integration.enabled() ? "restarted" : "stopped");
  }

  /** Stops and forgets the streams of an integration; the future completes when they are closed. */
  public Future<?> remove(String integrationId) {
    return changes.submit(() -> closeCollector(integrationId));
  }

  private void closeCollector(String id) {
    Collector old;
    synchronized (this) {
      old = collectors.remove(id);
    }
    if (old != null) {
      old.close();
    }
  }

  public List<StreamId> streams() {
    List<StreamId> out = new ArrayList<>();
    snapshot().forEach(c -> out.addAll(c.streams()));
    return out;
  }

  public List<StreamHealth> health() {
    List<StreamHealth> out = new ArrayList<>();
    snapshot().forEach(c -> out.addAll(c.health()));
    return out;
  }

  private synchronized List<Collector> snapshot() {
    return List.copyOf(collectors.values());
  }

  /** Asks every stream to stop after its current batch; does not wait. */
  public void stop() {
    snapshot().forEach(Collector::stop);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    changes.shutdown();
    try {
      if (!changes.awaitTermination(60, TimeUnit.SECONDS)) {
        changes.shutdownNow();
      }
    } catch (InterruptedException e) {
      changes.shutdownNow();
      Thread.currentThread().interrupt();
    }
    // Kept after closing, so the final health can still be read.
    for (Collector collector : snapshot()) {
      collector.close();
    }
  }
}
