package io.mailsec.detect;

import io.mailsec.core.Secret;
import io.mailsec.core.store.EventStore;
import io.mailsec.detect.alert.AlertNotifier;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection as a data directory sets it up: {@code detection.yaml} (lists, silence, webhook),
 * custom rules in {@code rules/*.yaml} next to the always-loaded built-in pack, and {@code
 * rules-state.json} (enable/disable overrides). Owns the engine, the webhook notifier and the
 * stream-health watcher; closing it stops the last two (the store is closed by its owner).
 */
public final class Detection implements AutoCloseable {
  public static final String CONFIG_FILE = "detection.yaml";
  public static final String RULES_DIR = "rules";
  public static final String STATE_FILE = "rules-state.json";

  private static final Logger LOG = LoggerFactory.getLogger(Detection.class);

  private final DetectionEngine engine;
  private final DetectingEventStore collectingStore;
  private final AlertNotifier notifier;
  private final RuleFiles ruleFiles;
  private ScheduledExecutorService watcher;

  private Detection(
      DetectionEngine engine, EventStore store, AlertNotifier notifier, RuleFiles ruleFiles) {
    this.engine = engine;
    this.collectingStore = new DetectingEventStore(store, engine);
    this.notifier = notifier;
    this.ruleFiles = ruleFiles;
  }

  /**
   * Loads the data directory's detection setup and starts the engine on {@code store}. The engine
   * follows the rule files: a change by any process (the server's API, {@code mailsec rules
   * enable}, an edited file) is picked up before the next commit, see {@link
   * DetectionEngine#replaceRules}. A changed file that cannot be used is logged and ignored until
   * it is fixed.
   *
   * @throws io.mailsec.detect.rule.RuleException when a rule file cannot be used
   * @throws IllegalArgumentException when detection.yaml is invalid
   */
  public static Detection start(Path dataDir, EventStore store, Clock clock) {
    DetectionConfig config = loadConfig(dataDir);
    RuleFiles ruleFiles = new RuleFiles(dataDir);
    RuleSet rules = ruleFiles.load(config);
    DetectionEngine engine = DetectionEngine.start(store, rules, config, clock);
    engine.followRules(() -> ruleFiles.loadIfChanged(config));
    AlertNotifier notifier = null;
    if (config.webhookUrl() != null) {
      String token =
          config.webhookTokenEnv() == null ? null : System.getenv(config.webhookTokenEnv());
      notifier =
          new AlertNotifier(
              config.webhookUrl(),
              token == null || token.isEmpty() ? null : Secret.of(token),
              6,
              Duration.ofSeconds(2));
      engine.onNewAlert(notifier::notifyAsync);
    }
    return new Detection(engine, store, notifier, ruleFiles);
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

  /** The rule files this detection follows. */
  public RuleFiles ruleFiles() {
    return ruleFiles;
  }

  /** The rules in force, after picking up any change of the rule files. */
  public RuleSet rules() {
    engine.refreshRules();
    return engine.rules();
  }

  /**
   * Re-reads the rule files now and swaps them in (after this process changed them), so the change
   * applies to the very next commit.
   *
   * @throws io.mailsec.detect.rule.RuleException when a rule file cannot be used; the previous
   *     rules stay in force
   */
  public RuleSet reloadRules() {
    return engine.reloadRules(() -> ruleFiles.load(engine.config()));
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
    if (notifier != null) {
      notifier.close();
    }
  }
}
