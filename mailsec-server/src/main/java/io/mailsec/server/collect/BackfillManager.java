package io.mailsec.server.collect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.server.config.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, tracks and cancels backfills (see {@link BackfillRunner}) next to live collection.
 *
 * <p>A job collects its data types one after the other on its own thread; an integration has at
 * most one unfinished job at a time (its types share the backfill streams and the integration's
 * rate budget with live collection). Jobs are kept in memory and in {@code backfills.json} in the
 * data directory (the latest {@link #KEPT} jobs), written on every state change and at most every
 * {@link #SAVE_EVERY_MS} ms while a job runs. A job found queued or running when the file is loaded
 * (the process stopped during it) becomes {@link BackfillState#INTERRUPTED}; it is not resumed,
 * because starting it again costs only re-reading: the records the first attempt stored are skipped
 * as duplicates. Thread-safe.
 */
public final class BackfillManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackfillManager.class);
  static final int KEPT = 50;
  static final long SAVE_EVERY_MS = 2_000;
  static final String FILE = "backfills.json";
  private static final String INTERRUPTED =
      "The server stopped during this backfill. Start it again: records already stored are"
          + " skipped as duplicates.";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final Function<String, Optional<IntegrationConfig>> integrations;
  private final BackfillRunner runner;
  private final Clock clock;
  private final Map<String, BackfillJob> live = new LinkedHashMap<>();
  private final List<BackfillJobView> finished = new ArrayList<>();
  private final ExecutorService workers;
  private long lastSave;
  private boolean closed;

  /**
   * @param dataDir where {@code backfills.json} lives
   * @param integrations finds an integration by id or name
   */
  public BackfillManager(
      Path dataDir,
      Function<String, Optional<IntegrationConfig>> integrations,
      BackfillRunner runner,
      Clock clock) {
    this.file = dataDir.resolve(FILE);
    this.integrations = integrations;
    this.runner = runner;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "mailsec-backfill-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    for (BackfillJobView job : load()) {
      finished.add(job.state().finished() ? job : interrupted(job));
    }
  }

  /**
   * Plans and starts a backfill of {@code [from, to)}; {@code dataTypes} empty means every data
   * type of the integration.
   *
   * @throws java.util.NoSuchElementException when there is no such integration
   * @throws IllegalArgumentException with a message for the user when the request is refused
   * @throws IllegalStateException when a backfill of the integration is still running
   */
  public BackfillJobView start(
      String integrationName, List<String> dataTypes, Instant from, Instant to, String createdBy) {
    IntegrationConfig integration =
        integrations
            .apply(integrationName)
            .orElseThrow(
                () ->
                    new java.util.NoSuchElementException(
                        "no integration '" + integrationName + "'"));
    List<DataType> types = typesOf(integration, dataTypes);
    List<BackfillPlanner.TypeRange> plan =
        BackfillPlanner.plan(from, to, types.stream().map(DataType::id).toList(), clock.instant());
    BackfillJob job;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the server is stopping");
      }
      for (BackfillJob other : live.values()) {
        if (other.integrationId().equals(integration.id())) {
          throw new IllegalStateException(
              "backfill "
                  + other.id()
                  + " of "
                  + integration.id()
                  + " is still running; wait for it or cancel it first");
        }
      }
      job =
          new BackfillJob(
              UUID.randomUUID().toString().substring(0, 8),
              integration.id(),
              from,
              to,
              createdBy,
              clock,
              plan);
      live.put(job.id(), job);
      save(true);
    }
    BackfillJob started = job;
    workers.execute(() -> work(started, integration, types));
    return job.view();
  }

  private static List<DataType> typesOf(IntegrationConfig integration, List<String> requested) {
    List<DataType> types = new ArrayList<>();
    for (DataType type : DataType.values()) {
      boolean wanted =
          requested == null || requested.isEmpty()
              ? integration.dataTypes().contains(type)
              : requested.contains(type.id());
      if (wanted) {
        types.add(type);
      }
    }
    if (requested != null) {
      for (String id : requested) {
        if (types.stream().noneMatch(t -> t.id().equals(id))) {
          throw new IllegalArgumentException("unknown data type '" + id + "'");
        }
      }
      for (DataType type : types) {
        if (!integration.dataTypes().contains(type)) {
          throw new IllegalArgumentException(
              "integration "
                  + integration.id()
                  + " does not collect "
                  + type.id()
                  + "; its data types are "
                  + integration.dataTypes().stream().map(DataType::id).sorted().toList());
        }
      }
    }
    return types;
  }

  private void work(BackfillJob job, IntegrationConfig integration, List<DataType> types) {
    for (int i = 0; i < types.size(); i++) {
      int index = i;
      if (job.cancelRequested()) {
        break;
      }
      job.update(index, BackfillProgress.withState(job.type(index), BackfillState.RUNNING, null));
      save(true);
      try {
        boolean complete =
            runner.run(
                integration,
                types.get(index),
                job.type(index),
                progress -> {
                  job.update(index, progress);
                  save(false);
                },
                job::cancelRequested);
        BackfillState end = complete ? BackfillState.DONE : stoppedState();
        job.update(
            index,
            BackfillProgress.withState(
                job.type(index), end, end == BackfillState.INTERRUPTED ? INTERRUPTED : null));
      } catch (Exception e) {
        String reason = StreamRunner.describe(e);
        LOG.warn(
            "backfill {} of {}: {} failed: {}",
            job.id(),
            job.integrationId(),
            types.get(index).id(),
            reason);
        job.update(
            index, BackfillProgress.withState(job.type(index), BackfillState.FAILED, reason));
      }
      save(true);
    }
    BackfillState rest = stoppedState();
    job.finish(rest, rest == BackfillState.INTERRUPTED ? INTERRUPTED : null);
    synchronized (this) {
      live.remove(job.id());
      finished.add(job.view());
      save(true);
      notifyAll();
    }
  }

  private synchronized BackfillState stoppedState() {
    return closed ? BackfillState.INTERRUPTED : BackfillState.CANCELLED;
  }

  /** The jobs of an integration, newest first. */
  public synchronized List<BackfillJobView> list(String integrationId) {
    List<BackfillJobView> out = new ArrayList<>();
    for (BackfillJobView v : all()) {
      if (v.integrationId().equals(integrationId)) {
        out.add(v);
      }
    }
    return out;
  }

  public synchronized Optional<BackfillJobView> get(String integrationId, String jobId) {
    return list(integrationId).stream().filter(v -> v.id().equals(jobId)).findFirst();
  }

  /**
   * Asks a job to stop after the batch in flight (which is committed whole); returns its view, or
   * empty when there is no such job. Cancelling a finished job changes nothing.
   */
  public synchronized Optional<BackfillJobView> cancel(String integrationId, String jobId) {
    BackfillJob job = live.get(jobId);
    if (job != null && job.integrationId().equals(integrationId)) {
      job.requestCancel();
      return Optional.of(job.view());
    }
    return get(integrationId, jobId);
  }

  /** Waits until the job has finished (or the timeout passes) and returns its view. */
  public synchronized Optional<BackfillJobView> await(String jobId, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (live.containsKey(jobId)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return all().stream().filter(v -> v.id().equals(jobId)).findFirst();
  }

  private List<BackfillJobView> all() {
    List<BackfillJobView> out = new ArrayList<>();
    live.values().forEach(j -> out.add(j.view()));
    for (int i = finished.size() - 1; i >= 0; i--) {
      out.add(finished.get(i));
    }
    out.sort((a, b) -> b.created().compareTo(a.created()));
    return out;
  }

  private synchronized void save(boolean force) {
    long now = System.currentTimeMillis();
    if (!force && now - lastSave < SAVE_EVERY_MS) {
      return;
    }
    lastSave = now;
    List<BackfillJobView> jobs = all();
    if (jobs.size() > KEPT) {
      jobs = jobs.subList(0, KEPT);
    }
    try {
      JsonFiles.writeAtomically(file, JSON, jobs);
    } catch (RuntimeException e) {
      LOG.warn("cannot save the backfill list to {}: {}", file, e.getMessage());
    }
  }

  private List<BackfillJobView> load() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      JavaType type =
          JSON.getTypeFactory().constructCollectionType(List.class, BackfillJobView.class);
      List<BackfillJobView> jobs = JSON.readValue(file.toFile(), type);
      List<BackfillJobView> oldestFirst = new ArrayList<>(jobs);
      oldestFirst.sort((a, b) -> a.created().compareTo(b.created()));
      return oldestFirst;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private BackfillJobView interrupted(BackfillJobView job) {
    List<BackfillJobView.TypeView> types = new ArrayList<>();
    for (BackfillJobView.TypeView t : job.types()) {
      types.add(
          t.state().finished()
              ? t
              : BackfillProgress.withState(t, BackfillState.INTERRUPTED, INTERRUPTED));
    }
    return new BackfillJobView(
        job.id(),
        job.integrationId(),
        job.from(),
        job.to(),
        job.createdBy(),
        job.created(),
        job.finished() != null ? job.finished() : clock.instant(),
        BackfillState.INTERRUPTED,
        types);
  }

  /**
   * Stops every running job after its batch in flight (they end {@link BackfillState#INTERRUPTED}),
   * waits for them a bounded time and saves the list.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      live.values().forEach(BackfillJob::requestCancel);
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      for (BackfillJob job : live.values()) {
        job.finish(BackfillState.INTERRUPTED, INTERRUPTED);
        finished.add(job.view());
      }
      live.clear();
      save(true);
    }
  }
}
