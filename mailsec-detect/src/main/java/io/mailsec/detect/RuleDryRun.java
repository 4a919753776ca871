package io.mailsec.detect;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.SortKey;
import io.mailsec.detect.rule.CompiledRule;
import java.time.Instant;
import java.util.List;

/**
 * Runs a rule over stored history, as if its events were streaming in event-time order, and reports
 * the alerts it would have raised. Stores nothing.
 */
public final class RuleDryRun {
  /** At most this many matching events are replayed. */
  public static final int MAX_EVENTS = 100_000;

  /**
   * @param matchedEvents events the rule matched in the window
   * @param alerts the alerts it would have raised, final state (occurrences, first/last seen)
   * @param truncated true when more than {@link #MAX_EVENTS} matched and the rest was not replayed
   */
  public record Outcome(long matchedEvents, List<Event> alerts, boolean truncated) {
    public Outcome {
      alerts = List.copyOf(alerts);
    }
  }

  private RuleDryRun() {}

  /** Replays the rule's matches with {@code event_time} in {@code [from, to)}. */
  public static Outcome run(
      CompiledRule rule, EventStore store, Instant from, Instant to, Instant now) {
    EventQuery query = rule.plan().eventQuery().between(from, to);
    MapState state = new MapState();
    Correlator correlator = new Correlator(now);
    SearchRequest request =
        new SearchRequest(
            query,
            List.of(SortKey.asc("event_time"), SortKey.asc("id")),
            SearchRequest.MAX_LIMIT,
            null);
    long matched = 0;
    boolean truncated = false;
    while (true) {
      SearchResult page = store.search(request);
      for (Event e : page.events()) {
        if (matched >= MAX_EVENTS) {
          truncated = true;
          break;
        }
        if (rule.matches(e)) {
          matched++;
          correlator.match(state, rule, e);
        }
      }
      if (truncated || page.nextCursor() == null) {
        break;
      }
      request = request.after(page.nextCursor());
    }
    return new Outcome(matched, state.alerts(), truncated);
  }
}
