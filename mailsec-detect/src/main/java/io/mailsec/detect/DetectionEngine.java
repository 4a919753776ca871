package io.mailsec.detect;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.In;
import io.mailsec.core.query.Or;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.SortKey;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.detect.alert.Alerts;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.detect.ti.Indicator;
import io.mailsec.detect.ti.IndicatorIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming detection inside the commit path. {@link #commit} takes a stream's batch, evaluates the
 * enabled rules and the threat indicators on its events, and commits the events (marked with
 * indicator matches), the new or updated alerts, and events a retro-hunt marked, in ONE store
 * commit together with the stream's checkpoint. So a crash before the commit loses alerts and
 * events alike (they are re-fetched and re-detected) and after it keeps both: alerts are neither
 * lost nor repeated.
 *
 * <p>In-memory state (current alert per rule and group key, threshold windows, active indicators,
 * ids of recently processed events) changes only after a successful commit, and is rebuilt from the
 * store by {@link #start}. Events already in the store when they arrive again (overlapping fetches)
 * are not detected twice: they were detected when first committed.
 *
 * <p>The config and rules in force ({@link DetectionSetup}) can change while it runs, see {@link
 * #followSetup} and {@link #reload}.
 *
 * <p>Thread-safe: commits of all streams, status changes, health reports and swaps of the setup are
 * serialized by one lock, so read-modify-write of alert state is consistent.
 */
public final class DetectionEngine {
  /** The stream under which status changes and health alerts are committed. */
  public static final StreamId ALERT_STREAM = new StreamId(Alerts.INTEGRATION, Alerts.DATA_TYPE);

  /** How far back a newly arrived indicator is hunted in stored events. */
  public static final Duration RETRO_HUNT_WINDOW = Duration.ofDays(7);

  private static final Logger LOG = LoggerFactory.getLogger(DetectionEngine.class);
  private static final int RECENT_IDS = 200_000;
  private static final int MAX_RETRO_HITS = 10_000;
  private static final Comparator<Event> BY_TIME =
      Comparator.comparing(Event::eventTime).thenComparing(Event::id);

  private final EventStore store;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Event> alerts = new HashMap<>();
  private final Map<String, List<Event>> windows = new HashMap<>();
  private final IndicatorIndex indicators = new IndicatorIndex();
  private final Map<String, Boolean> recentIds =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > RECENT_IDS;
        }
      };
  private final List<Consumer<Event>> newAlertListeners = new CopyOnWriteArrayList<>();
  private StreamSilenceDetector silence;
  private volatile DetectionSetup setup;
  private volatile Supplier<Optional<DetectionSetup>> setupChanges = Optional::empty;
  private Instant newestSeen = Instant.EPOCH;
  private int commitsSincePrune;

  private DetectionEngine(EventStore store, RuleSet rules, DetectionConfig config, Clock clock) {
    this.store = store;
    this.setup = new DetectionSetup(config, rules);
    this.clock = clock;
    this.silence = new StreamSilenceDetector(config.streamSilenceAfter());
  }

  /** An engine whose state is rebuilt from what the store holds. */
  public static DetectionEngine start(
      EventStore store, RuleSet rules, DetectionConfig config, Clock clock) {
    DetectionEngine engine = new DetectionEngine(store, rules, config, clock);
    new StateLoader(store, clock).load(rules, engine.alerts, engine.windows, engine.indicators);
    LOG.info(
        "detection started: {} enabled rules, {} open alert groups, {} indicators",
        rules.enabled().size(),
        engine.alerts.size(),
        engine.indicators.size());
    return engine;
  }

  /** The rules in force (compiled against {@link #config()}). */
  public RuleSet rules() {
    return setup.rules();
  }

  /** The config in force. */
  public DetectionConfig config() {
    return setup.config();
  }

  /** Called with every alert created (not updated) once its commit succeeded. */
  public void onNewAlert(Consumer<Event> listener) {
    newAlertListeners.add(listener);
  }

  /**
   * Asks {@code changes} before every commit and every stream health report (under the commit lock)
   * whether the config or rules changed, and swaps in the answer (see {@link #replaceRules}). It
   * must not throw, and must answer fast.
   */
  public void followSetup(Supplier<Optional<DetectionSetup>> changes) {
    this.setupChanges = changes;
  }

  /**
   * Swaps in another rule set, atomically between commits (under the commit lock). Correlation
   * state is kept for a rule whose definition (expanded query, group-by, threshold, suppression) is
   * unchanged, so its next match folds into the alert it would have folded into without the swap:
   * no alert is repeated or lost. A rule whose definition changed, a new rule and a removed rule
   * start fresh: their current alerts and threshold windows are forgotten (the stored alerts stay).
   * A threshold rule that was disabled and is enabled again gets its window rebuilt from the store,
   * as on start.
   *
   * <p>The config in force stays; a new config comes with the rules compiled against it through
   * {@link #followSetup} or {@link #reload}: a rule whose expanded query changed because a list it
   * uses changed then starts fresh like any changed rule, and from the next commit or health report
   * on {@link #config()} is the new config and stream silence is judged by its {@code
   * stream_silence_after} (an open silence alert stays open until data flows again).
   *
   * @return the ids of the rules whose state was reset or rebuilt
   */
  public Set<String> replaceRules(RuleSet next) {
    lock.lock();
    try {
      return swap(new DetectionSetup(setup.config(), next));
    } finally {
      lock.unlock();
    }
  }

  /** Swaps in the setup {@link #followSetup} reports changed, if any, under the commit lock. */
  public void refresh() {
    lock.lock();
    try {
      setupChanges.get().ifPresent(this::swap);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Loads a setup and swaps it in, both under the commit lock, so no concurrent reload can swap in
   * an older load after this one.
   *
   * @throws RuntimeException whatever {@code load} throws; then the setup in force stays
   */
  public DetectionSetup reload(Supplier<DetectionSetup> load) {
    lock.lock();
    try {
      DetectionSetup next = load.get();
      swap(next);
      return next;
    } finally {
      lock.unlock();
    }
  }

  private Set<String> swap(DetectionSetup nextSetup) {
    RuleSet previous = setup.rules();
    RuleSet next = nextSetup.rules();
    Set<String> reset = new TreeSet<>();
    for (CompiledRule old : previous.all()) {
      Optional<CompiledRule> now = next.get(old.id());
      if (now.isEmpty() || !sameDefinition(old, now.get())) {
        forget(old.id());
        reset.add(old.id());
      }
    }
    List<CompiledRule> rebuild = new ArrayList<>();
    for (CompiledRule rule : next.all()) {
      Optional<CompiledRule> before = previous.get(rule.id());
      if (before.isEmpty()) {
        forget(rule.id());
        reset.add(rule.id());
      } else if (!reset.contains(rule.id())
          && rule.rule().enabled()
          && !before.get().rule().enabled()
          && rule.rule().threshold() != null) {
        forget(rule.id());
        rebuild.add(rule);
        reset.add(rule.id());
      }
    }
    new StateLoader(store, clock).loadWindows(rebuild, windows);
    boolean configChanged = !nextSetup.config().equals(setup.config());
    if (!nextSetup.config().streamSilenceAfter().equals(setup.config().streamSilenceAfter())) {
      silence = new StreamSilenceDetector(nextSetup.config().streamSilenceAfter());
    }
    setup = nextSetup;
    if (configChanged) {
      LOG.info("detection config changed");
    }
    if (!reset.isEmpty()) {
      LOG.info(
          "detection rules changed: {} enabled rules; state reset or rebuilt for {}",
          next.enabled().size(),
          reset);
    }
    return reset;
  }

  /** Whether two versions of a rule correlate alike (metadata such as name may differ). */
  static boolean sameDefinition(CompiledRule a, CompiledRule b) {
    return a.expandedQuery().equals(b.expandedQuery())
        && a.rule().groupBy().equals(b.rule().groupBy())
        && Objects.equals(a.rule().threshold(), b.rule().threshold())
        && a.rule().suppressFor().equals(b.rule().suppressFor());
  }

  private void forget(String ruleId) {
    String prefix = Correlator.stateKey(ruleId, "");
    alerts.keySet().removeIf(k -> k.startsWith(prefix));
    windows.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /**
   * Detects on the batch and commits it with its alerts atomically (see the class comment).
   *
   * @throws RuntimeException whatever the store's commit throws; then nothing is stored and the
   *     engine's state is unchanged
   */
  public void commit(StoreBatch batch) {
    List<Event> created;
    lock.lock();
    try {
      setupChanges.get().ifPresent(this::swap);
      Transaction tx = new Transaction(clock.instant());
      List<Event> output = tx.detect(batch.events());
      store.commit(
          new StoreBatch(
              batch.stream(), output, batch.quarantined(), batch.gaps(), batch.checkpoint()));
      created = tx.apply();
      prune();
    } finally {
      lock.unlock();
    }
    notifyNew(created);
  }

  /**
   * Forgets, every 100 commits, alert groups and threshold windows that no new event can reach any
   * more: older (by event time) than the longest suppression window or threshold window, plus a day
   * for late events, before the newest event seen. Keeps memory bounded; the store keeps them.
   */
  private void prune() {
    if (++commitsSincePrune < 100) {
      return;
    }
    commitsSincePrune = 0;
    Duration longest = Duration.ofDays(1);
    for (CompiledRule rule : setup.rules().all()) {
      if (rule.rule().suppressFor().compareTo(longest) > 0) {
        longest = rule.rule().suppressFor();
      }
      if (rule.rule().threshold() != null
          && rule.rule().threshold().within().compareTo(longest) > 0) {
        longest = rule.rule().threshold().within();
      }
    }
    Instant cutoff = newestSeen.minus(longest).minus(Duration.ofDays(1));
    alerts
        .values()
        .removeIf(
            a ->
                !a.string("rule_id").orElse("").equals(StreamSilenceDetector.RULE_ID)
                    && a.first("first_seen")
                        .filter(Instant.class::isInstance)
                        .map(t -> ((Instant) t).isBefore(cutoff))
                        .orElse(true));
    windows.values().removeIf(w -> w.isEmpty() || w.get(w.size() - 1).eventTime().isBefore(cutoff));
  }

  /**
   * Changes an alert's status (recording who, when and why in its history) and stores it.
   *
   * @return the updated alert, or empty when no alert has that id
   * @throws IllegalArgumentException for an unknown status
   */
  public Optional<Event> updateStatus(String alertId, String status, String actor, String note) {
    lock.lock();
    try {
      Optional<Event> updated =
          AlertRepository.updateStatus(store, alertId, status, actor, note, clock.instant());
      updated.ifPresent(
          a -> {
            String key =
                Correlator.stateKey(
                    a.string("rule_id").orElse(""), a.string("group_key").orElse(""));
            Event current = alerts.get(key);
            if (current != null && current.id().equals(a.id())) {
              alerts.put(key, a);
            }
          });
      return updated;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Health detection: raises a "stream stopped delivering data" alert for each stream silent for
   * longer than the config allows, and resolves it when data flows again. The server calls this
   * periodically with every stream's status.
   */
  public void reportStreams(List<StreamSilenceDetector.StreamStatus> statuses) {
    List<Event> created = new ArrayList<>();
    lock.lock();
    try {
      setupChanges.get().ifPresent(this::swap);
      Instant now = clock.instant();
      List<Event> changes = new ArrayList<>();
      for (StreamSilenceDetector.StreamStatus status : statuses) {
        String key = Correlator.stateKey(StreamSilenceDetector.RULE_ID, status.stream().toString());
        Event current = alerts.get(key);
        Optional<Event> change = silence.evaluate(status, current, now);
        change.ifPresent(
            a -> {
              changes.add(a);
              if (current == null || !current.id().equals(a.id())) {
                created.add(a);
              }
            });
      }
      if (changes.isEmpty()) {
        return;
      }
      store.commit(StoreBatch.of(ALERT_STREAM, changes, Checkpoint.of("updated", now.toString())));
      for (Event a : changes) {
        alerts.put(
            Correlator.stateKey(StreamSilenceDetector.RULE_ID, a.string("group_key").orElse("")),
            a);
      }
    } finally {
      lock.unlock();
    }
    notifyNew(created);
  }

  private void notifyNew(List<Event> created) {
    for (Event alert : created) {
      for (Consumer<Event> listener : newAlertListeners) {
        try {
          listener.accept(alert);
        } catch (RuntimeException e) {
          LOG.warn("a new-alert listener failed for {}", alert.id(), e);
        }
      }
    }
  }

  /** One batch's detection: reads the engine's state, writes only to its own overlay. */
  private final class Transaction implements Correlator.State {
    private final Instant now;
    private final Correlator correlator;
    private final Map<String, Event> txAlerts = new HashMap<>();
    private final Map<String, List<Event>> txWindows = new HashMap<>();
    private final IndicatorIndex txIndicators = new IndicatorIndex();
    private final Set<String> txIndicatorKeys = new LinkedHashSet<>();
    private final Map<String, Event> changedAlerts = new LinkedHashMap<>();
    private final Set<String> createdAlertIds = new LinkedHashSet<>();
    private final List<String> processedIds = new ArrayList<>();
    private List<Event> seen = List.of();

    Transaction(Instant now) {
      this.now = now;
      this.correlator = new Correlator(now);
    }

    @Override
    public Event alert(String stateKey) {
      return txAlerts.containsKey(stateKey) ? txAlerts.get(stateKey) : alerts.get(stateKey);
    }

    @Override
    public void putAlert(String stateKey, Event alert, boolean created) {
      txAlerts.put(stateKey, alert);
      changedAlerts.put(alert.id(), alert);
      if (created) {
        createdAlertIds.add(alert.id());
      }
    }

    @Override
    public List<Event> window(String stateKey) {
      return txWindows.computeIfAbsent(
          stateKey, k -> new ArrayList<>(windows.getOrDefault(k, List.of())));
    }

    List<Event> detect(List<Event> events) {
      seen = events;
      for (Event e : events) {
        if (e.schema().equals(SchemaRegistry.THREAT_INDICATOR)) {
          Indicator.of(e).ifPresent(this::addIndicator);
        }
      }
      Map<String, Event> stored = alreadyStored(events);
      Map<String, Event> out = new LinkedHashMap<>();
      List<Event> fresh = new ArrayList<>();
      for (Event e : events) {
        processedIds.add(e.id());
        Event previous = stored.get(e.id());
        if (previous != null) {
          out.put(e.id(), IndicatorMarks.carryOver(previous, e));
        } else {
          fresh.add(e);
          out.put(e.id(), e);
        }
      }
      fresh.sort(BY_TIME);
      List<CompiledRule> enabled = setup.rules().enabled();
      for (Event e : fresh) {
        Event marked = markIndicators(e);
        out.put(e.id(), marked);
        for (CompiledRule rule : CompiledRule.matching(enabled, marked)) {
          correlator.match(this, rule, marked);
        }
      }
      List<Event> freshMarked = new ArrayList<>();
      fresh.forEach(e -> freshMarked.add(out.get(e.id())));
      DeliveredThreatDetector.detect(freshMarked, store, correlator, this);
      for (Event e : retroHunt(out.keySet())) {
        Event marked = markIndicators(e);
        if (marked.equals(e)) {
          continue;
        }
        out.put(e.id(), marked);
        for (CompiledRule rule : enabled) {
          if (rule.matches(marked) && !rule.matches(e)) {
            correlator.match(this, rule, marked);
          }
        }
      }
      List<Event> output = new ArrayList<>(out.values());
      output.addAll(changedAlerts.values());
      return output;
    }

    private void addIndicator(Indicator indicator) {
      Optional<Indicator> held = indicators.get(indicator.key());
      if (held.isPresent()
          && held.get().version() != null
          && indicator.version() != null
          && indicator.version().isBefore(held.get().version())) {
        return;
      }
      if (txIndicators.upsert(indicator)) {
        txIndicatorKeys.add(indicator.key());
      }
    }

    /** The event with the indicators it hits (active at its time) recorded under {@code ti}. */
    private Event markIndicators(Event e) {
      if (!IndicatorMarks.SCHEMAS.contains(e.schema())) {
        return e;
      }
      Set<String> observables = Indicator.observablesOf(e);
      if (observables.isEmpty()) {
        return e;
      }
      List<Indicator> hits = new ArrayList<>();
      for (Indicator i : indicators.matching(observables, e.eventTime())) {
        if (!txIndicatorKeys.contains(i.key())) {
          hits.add(i);
        }
      }
      hits.addAll(txIndicators.matching(observables, e.eventTime()));
      return IndicatorMarks.mark(e, hits, observables);
    }

    /** Stored email/http events of the last 7 days sharing an observable with a new indicator. */
    private List<Event> retroHunt(Set<String> inBatch) {
      Map<String, Set<Object>> valuesByField = new LinkedHashMap<>();
      for (String key : txIndicatorKeys) {
        Indicator indicator = txIndicators.get(key).orElseThrow();
        if (indicator.revoked()) {
          continue;
        }
        for (String observable : indicator.observables()) {
          String kind = observable.substring(0, observable.indexOf(':'));
          for (String field : Indicator.EVENT_FIELDS.get(kind)) {
            valuesByField
                .computeIfAbsent(field, f -> new TreeSet<>())
                .add(Indicator.valueOf(observable));
          }
        }
      }
      if (valuesByField.isEmpty()) {
        return List.of();
      }
      List<Predicate> anyOf = new ArrayList<>();
      valuesByField.forEach((field, values) -> anyOf.add(new In(field, List.copyOf(values))));
      EventQuery query =
          new EventQuery(
              Set.copyOf(IndicatorMarks.SCHEMAS),
              anyOf.size() == 1 ? anyOf.get(0) : new Or(anyOf),
              now.minus(RETRO_HUNT_WINDOW),
              null);
      List<Event> hits = new ArrayList<>();
      SearchRequest request =
          new SearchRequest(query, List.of(SortKey.asc("event_time")), 1000, null);
      while (hits.size() < MAX_RETRO_HITS) {
        SearchResult page = store.search(request);
        for (Event e : page.events()) {
          if (!inBatch.contains(e.id())) {
            hits.add(e);
          }
        }
        if (page.nextCursor() == null) {
          break;
        }
        request = request.after(page.nextCursor());
      }
      hits.sort(BY_TIME);
      return hits;
    }

    /** Events of the batch that the store already holds, by id (they were detected before). */
    private Map<String, Event> alreadyStored(List<Event> events) {
      List<Object> unknown = new ArrayList<>();
      for (Event e : events) {
        if (!recentIds.containsKey(e.id())) {
          unknown.add(e.id());
        }
      }
      Map<String, Event> found = new HashMap<>();
      for (int from = 0; from < unknown.size(); from += 1000) {
        List<Object> chunk = unknown.subList(from, Math.min(unknown.size(), from + 1000));
        SearchResult page =
            store.search(
                new SearchRequest(
                    EventQuery.where(new In("id", chunk)), List.of(), chunk.size(), null));
        page.events().forEach(e -> found.put(e.id(), e));
      }
      return found;
    }

    /** Publishes the overlay to the engine; returns the alerts created. */
    List<Event> apply() {
      alerts.putAll(txAlerts);
      windows.putAll(txWindows);
      for (String key : txIndicatorKeys) {
        indicators.upsert(txIndicators.get(key).orElseThrow());
      }
      processedIds.forEach(id -> recentIds.put(id, Boolean.TRUE));
      for (Event e : seen) {
        if (e.eventTime().isAfter(newestSeen)) {
          newestSeen = e.eventTime();
        }
      }
      List<Event> created = new ArrayList<>();
      for (String id : createdAlertIds) {
        created.add(changedAlerts.get(id));
      }
      return created;
    }
  }
}
