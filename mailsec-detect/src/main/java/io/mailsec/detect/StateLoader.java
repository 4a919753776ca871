package io.mailsec.detect;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.MatchAll;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.SortKey;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.detect.ti.Indicator;
import io.mailsec.detect.ti.IndicatorIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rebuilds the detection engine's state from the store, which is what makes it durable:
 *
 * <ul>
 *   <li>indicators: every stored {@code threat_indicator} event (lifecycle applied by version);
 *   <li>current alerts: alerts whose {@code last_seen} is within the longest suppression window
 *       before the newest alert's {@code last_seen} (event time, not wall clock, so backfills
 *       work), the latest per rule and group key;
 *   <li>threshold windows: each threshold rule's query re-run over its window before the newest
 *       stored event it matches.
 * </ul>
 */
final class StateLoader {
  private final EventStore store;
  private final Clock clock;

  StateLoader(EventStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void load(
      RuleSet rules,
      Map<String, Event> alerts,
      Map<String, List<Event>> windows,
      IndicatorIndex indicators) {
    scan(
        new EventQuery(Set.of(SchemaRegistry.THREAT_INDICATOR), new MatchAll(), null, null),
        e -> Indicator.of(e).ifPresent(indicators::upsert));
    loadAlerts(rules, alerts);
    loadWindows(rules.enabled(), windows);
  }

  /** Rebuilds the threshold windows of these rules (others are skipped). */
  void loadWindows(List<CompiledRule> rules, Map<String, List<Event>> windows) {
    for (CompiledRule rule : rules) {
      if (rule.rule().threshold() != null) {
        loadWindow(rule, windows);
      }
    }
  }

  private void loadAlerts(RuleSet rules, Map<String, Event> alerts) {
    Duration longest = Duration.ofDays(1);
    for (CompiledRule rule : rules.all()) {
      if (rule.rule().suppressFor().compareTo(longest) > 0) {
        longest = rule.rule().suppressFor();
      }
    }
    EventQuery all = new EventQuery(Set.of(SchemaRegistry.ALERT), new MatchAll(), null, null);
    SearchResult newest =
        store.search(new SearchRequest(all, List.of(SortKey.desc("last_seen")), 1, null));
    if (newest.events().isEmpty()) {
      return;
    }
    Instant reference = (Instant) newest.events().get(0).first("last_seen").orElse(clock.instant());
    Instant from = reference.minus(longest);
    List<Event> recent = new ArrayList<>();
    scan(
        all,
        e -> {
          Object last = e.first("last_seen").orElse(null);
          if (last instanceof Instant t && !t.isBefore(from)) {
            recent.add(e);
          }
        });
    recent.sort(Comparator.comparing(e -> (Instant) e.first("first_seen").orElse(Instant.EPOCH)));
    for (Event alert : recent) {
      alerts.put(
          Correlator.stateKey(
              alert.string("rule_id").orElse(""), alert.string("group_key").orElse("")),
          alert);
    }
  }

  private void loadWindow(CompiledRule rule, Map<String, List<Event>> windows) {
    EventQuery matching = rule.plan().eventQuery().between(null, null);
    SearchResult newest =
        store.search(new SearchRequest(matching, List.of(SortKey.desc("event_time")), 1, null));
    if (newest.events().isEmpty()) {
      return;
    }
    Instant to = newest.events().get(0).eventTime();
    Duration within = rule.rule().threshold().within();
    EventQuery window = matching.between(to.minus(within), to.plusNanos(1000));
    List<Event> events = new ArrayList<>();
    scan(
        window,
        e -> {
          if (rule.matches(e) && e.eventTime().isAfter(to.minus(within))) {
            events.add(e);
          }
        });
    events.sort(Comparator.comparing(Event::eventTime).thenComparing(Event::id));
    for (Event e : events) {
      windows
          .computeIfAbsent(Correlator.stateKey(rule.id(), rule.groupKey(e)), k -> new ArrayList<>())
          .add(e);
    }
  }

  private void scan(EventQuery query, Consumer<Event> sink) {
    SearchRequest request =
        new SearchRequest(
            query, List.of(SearchRequest.DEFAULT_SORT), SearchRequest.MAX_LIMIT, null);
    while (true) {
      SearchResult page = store.search(request);
      page.events().forEach(sink);
      if (page.nextCursor() == null) {
        return;
      }
      request = request.after(page.nextCursor());
    }
  }
}
