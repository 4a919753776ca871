package io.mailsec.core.store;

import io.mailsec.core.event.Event;
import java.util.List;
import java.util.Optional;

/**
 * One page of events.
 *
 * @param events the page, in the requested order
 * @param totalHits how many events match the query in all (exact)
 * @param nextCursor where the next page starts, or null when this is the last page
 */
public record SearchResult(List<Event> events, long totalHits, String nextCursor) {
  public SearchResult {
    events = List.copyOf(events);
  }

  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
