package io.mailsec.detect;

import io.mailsec.core.store.EventStore;
import io.mailsec.detect.rule.RuleException;
import io.mailsec.detect.rule.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection as a data directory sets it up: {@code detection.yaml} (lists, silence, webhook),
 * custom rules in {@code rules/*.yaml} next to the always-loaded built-in pack, and {@code
 * rules-state.json} (enable/disable overrides), all followed live (see {@link #start}). Owns the
 * engine, the alert webhook and the stream-health watcher; closing it stops the last two (the store
 * is closed by its owner).
 */
public final class Detection implements AutoCloseable {
  public static final String CONFIG_FILE = "detection.yaml";
  public static final String RULES_DIR = "rules";
  public static final String STATE_FILE = "rules-state.json";

  private static final Logger LOG = LoggerFactory.getLogger(Detection.class);

  private final DetectionEngine engine;
  private final DetectingEventStore collectingStore;
  private final AlertWebhook webhook;
  private final RuleFiles ruleFiles;
  private ScheduledExecutorService watcher;

  private Detection(
      DetectionEngine engine, EventStore store, AlertWebhook webhook, RuleFiles ruleFiles) {
    this.engine = engine;
    this.collectingStore = new DetectingEventStore(store, engine);
    this.webhook = webhook;
    this.ruleFiles = ruleFiles;
  }

  /**
   * Loads the data directory's detection setup and starts the engine on {@code store}. The engine
   * follows the detection files ({@link RuleFiles}): a change by any process (the server's API,
   * {@code mailsec rules enable}, an edited rule file or detection.yaml) is picked up before the
   * next commit or stream health report, see {@link DetectionEngine#replaceRules}. New alerts go to
   * the webhook of the config in force when they are announced (see {@link AlertWebhook}). A
   * changed file that cannot be used is logged and ignored until it is fixed: the previous config
   * and rules stay in force, and {@link RuleFiles#loadProblem} says why.
   *
   * @throws RuleException when a rule file cannot be used
   * @throws IllegalArgumentException when detection.yaml is invalid
   */
  public static Detection start(Path dataDir, EventStore store, Clock clock) {
    return start(dataDir, store, clock, System::getenv);
  }

  /** As {@link #start(Path, EventStore, Clock)}, reading the webhook token from {@code env}. */
  static Detection start(
      Path dataDir, EventStore store, Clock clock, UnaryOperator<String> environment) {
    RuleFiles ruleFiles = new RuleFiles(dataDir);
    DetectionSetup setup = ruleFiles.load();
    DetectionEngine engine = DetectionEngine.start(store, setup.rules(), setup.config(), clock);
    engine.followSetup(ruleFiles::loadIfChanged);
    AlertWebhook webhook = new AlertWebhook(environment);
    webhook.follow(setup.config());
    engine.onNewAlert(alert -> webhook.send(alert, engine.config()));
    return new Detection(engine, store, webhook, ruleFiles);
  }

  public static DetectionConfig loadConfig(Path dataDir) {
    try {
      return DetectionConfig.load(dataDir.resolve(CONFIG_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dataDir.resolve(CONFIG_FILE), e);
    }
  }

  public static RuleSet loadRules(Path dataDir, DetectionConfig config) {
    return RuleSet.load(
        config, dataDir.resolve(RULES_DIR), RuleStates.load(dataDir.resolve(STATE_FILE)));
  }

  public DetectionEngine engine() {
    return engine;
  }

  /** The detection files (detection.yaml and the rule files) this detection follows. */
  public RuleFiles ruleFiles() {
    return ruleFiles;
  }

  /** The rules in force, after picking up any change of the detection files. */
  public RuleSet rules() {
    engine.refresh();
    return engine.rules();
  }

  /**
   * Re-reads detection.yaml and the rule files now and swaps them in (after this process changed
   * them), so the change applies to the very next commit.
   *
   * @return the rules now in force
   * @throws RuleException when a rule file or detection.yaml cannot be used (a detection.yaml
   *     problem has the origin {@value #CONFIG_FILE}); the previous config and rules stay in force
   * @throws java.io.UncheckedIOException when a file cannot be read; the same
   */
  public RuleSet reloadRules() {
    return engine.reload(this::loadFiles).rules();
  }

  /** The detection files, with a detection.yaml problem reported as a rule file's would be. */
  private DetectionSetup loadFiles() {
    try {
      return ruleFiles.load();
    } catch (IllegalArgumentException e) {
      throw new RuleException(CONFIG_FILE, List.of(withoutOrigin(e.getMessage())));
    }
  }

  private static String withoutOrigin(String message) {
    String prefix = CONFIG_FILE + ": ";
    return message != null && message.startsWith(prefix)
        ? message.substring(prefix.length())
        : String.valueOf(message);
  }

  /** The store to give collectors: its commits are detected (see {@link DetectingEventStore}). */
  public EventStore collectingStore() {
    return collectingStore;
  }

  /**
   * Every {@code every}, reports the streams' status to the engine's silence detector. Failures are
   * logged, never thrown.
   */
  public synchronized void watchStreams(
      Supplier<List<StreamSilenceDetector.StreamStatus>> statuses, Duration every) {
    if (watcher != null) {
      return;
    }
    watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mailsec-stream-health-alerts");
              t.setDaemon(true);
              return t;
            });
    watcher.scheduleWithFixedDelay(
        () -> {
          try {
            engine.reportStreams(statuses.get());
          } catch (RuntimeException e) {
            LOG.warn("stream health detection failed", e);
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
    webhook.close();
  }
}
