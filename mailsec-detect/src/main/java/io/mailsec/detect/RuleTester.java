package io.mailsec.detect;

import io.mailsec.core.event.Event;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs a rule's own tests ({@code tests.should_match} / {@code should_not_match}). For a rule
 * without threshold, each should-event must match and each should-not-event must not. For a
 * threshold rule, the should-events together must raise exactly one alert and the should-not-events
 * together none.
 */
public final class RuleTester {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** Outcome of one rule's tests. */
  public record Result(String ruleId, int cases, List<String> failures) {
    public Result {
      failures = List.copyOf(failures);
    }

    public boolean passed() {
      return failures.isEmpty();
    }
  }

  private RuleTester() {}

  /**
   * Compiles the rule with the config plus the rule's own test lists and runs its tests.
   *
   * @throws io.mailsec.detect.rule.RuleException when the rule does not compile
   */
  public static Result test(Rule raw, DetectionConfig config) {
    DetectionConfig withLists = config;
    for (Map.Entry<String, List<String>> list : raw.testLists().entrySet()) {
      withLists = withLists.withList(list.getKey(), list.getValue());
    }
    return test(CompiledRule.compile(raw, withLists, QueryLanguage.standard()));
  }

  /** Runs the tests of a compiled rule (with the lists it was compiled with). */
  public static Result test(CompiledRule rule) {
    List<String> failures = new ArrayList<>();
    List<Event> should = rule.rule().shouldMatch();
    List<Event> shouldNot = rule.rule().shouldNotMatch();
    if (rule.rule().threshold() == null) {
      for (int i = 0; i < should.size(); i++) {
        if (!rule.matches(should.get(i))) {
          failures.add("should_match[" + i + "] does not match");
        }
      }
      for (int i = 0; i < shouldNot.size(); i++) {
        if (rule.matches(shouldNot.get(i))) {
          failures.add("should_not_match[" + i + "] matches");
        }
      }
      return new Result(rule.id(), should.size() + shouldNot.size(), failures);
    }
    if (!should.isEmpty()) {
      int raised = alertsRaised(rule, should);
      if (raised != 1) {
        failures.add("should_match events together raise " + raised + " alerts, expected 1");
      }
    }
    if (!shouldNot.isEmpty()) {
      int raised = alertsRaised(rule, shouldNot);
      if (raised != 0) {
        failures.add("should_not_match events together raise " + raised + " alerts, expected 0");
      }
    }
    return new Result(
        rule.id(), (should.isEmpty() ? 0 : 1) + (shouldNot.isEmpty() ? 0 : 1), failures);
  }

  /** The number of alerts the events raise when streamed through the rule in time order. */
  static int alertsRaised(CompiledRule rule, List<Event> events) {
    MapState state = new MapState();
    Correlator correlator = new Correlator(NOW);
    events.stream()
        .sorted(Comparator.comparing(Event::eventTime).thenComparing(Event::id))
        .filter(rule::matches)
        .forEach(e -> correlator.match(state, rule, e));
    return state.created();
  }
}
