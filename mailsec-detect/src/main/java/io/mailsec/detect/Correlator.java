package io.mailsec.detect;

import io.mailsec.core.event.Event;
import io.mailsec.detect.alert.AlertSpec;
import io.mailsec.detect.alert.Alerts;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns rule matches into alerts: one alert per rule and group key per suppression window (counting
 * occurrences), and for threshold rules a sliding window of matches per group key. All timing uses
 * event time, so the same matches in the same order always give the same alerts. The state lives
 * behind {@link State}, which the engine backs by a transaction and a dry run by plain maps.
 */
final class Correlator {
  /** Where alerts and threshold windows are kept. */
  interface State {
    /** The current alert of a rule and group key, or null. */
    Event alert(String stateKey);

    void putAlert(String stateKey, Event alert, boolean created);

    /** The mutable, time-ordered window of matches of a threshold rule and group key. */
    List<Event> window(String stateKey);
  }

  private static final Comparator<Event> BY_TIME =
      Comparator.comparing(Event::eventTime).thenComparing(Event::id);

  private final Instant now;

  Correlator(Instant now) {
    this.now = now;
  }

  static String stateKey(String ruleId, String groupKey) {
    return ruleId + '\0' + groupKey;
  }

  /** Applies one matching event of a rule. */
  void match(State state, CompiledRule rule, Event event) {
    AlertSpec spec = AlertSpec.of(rule.rule());
    String groupKey = rule.groupKey(event);
    Threshold threshold = rule.rule().threshold();
    if (threshold == null) {
      hit(state, spec, groupKey, rule.rule().suppressFor(), List.of(event));
    } else {
      thresholdHit(state, spec, groupKey, rule.rule().suppressFor(), threshold, event);
    }
  }

  /**
   * Folds the matches into the alert of {@code (spec, groupKey)} when its suppression window covers
   * the last match and it is not resolved; otherwise starts a new alert with them.
   */
  void hit(State state, AlertSpec spec, String groupKey, Duration suppress, List<Event> matches) {
    String key = stateKey(spec.ruleId(), groupKey);
    Event current = state.alert(key);
    Event last = matches.get(matches.size() - 1);
    if (current != null && covers(current, suppress, last.eventTime())) {
      Event updated = current;
      for (Event e : matches) {
        if (!updated.get("matched_event_ids").contains(e.id())) {
          updated = Alerts.fold(updated, e);
        }
      }
      if (!updated.equals(current)) {
        state.putAlert(key, updated, false);
      }
      return;
    }
    state.putAlert(key, Alerts.create(spec, groupKey, matches, now), true);
  }

  private void thresholdHit(
      State state,
      AlertSpec spec,
      String groupKey,
      Duration suppress,
      Threshold threshold,
      Event event) {
    String key = stateKey(spec.ruleId(), groupKey);
    List<Event> window = state.window(key);
    for (Event e : window) {
      if (e.id().equals(event.id())) {
        return;
      }
    }
    window.add(event);
    window.sort(BY_TIME);
    Instant newest = window.get(window.size() - 1).eventTime();
    Instant cutoff = newest.minus(threshold.within());
    window.removeIf(e -> !e.eventTime().isAfter(cutoff));
    if (!window.contains(event) || window.size() < threshold.count()) {
      return;
    }
    Event current = state.alert(key);
    if (current != null && covers(current, suppress, event.eventTime())) {
      hit(state, spec, groupKey, suppress, List.of(event));
    } else {
      hit(state, spec, groupKey, suppress, new ArrayList<>(window));
    }
  }

  private static boolean covers(Event alert, Duration suppress, Instant time) {
    if (alert.string("status").orElse("open").equals("resolved")) {
      return false;
    }
    Instant first = (Instant) alert.first("first_seen").orElseThrow();
    return time.isBefore(first.plus(suppress)) && !time.isBefore(first.minus(suppress));
  }
}
