package io.mailsec.server.e2e;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.And;
import io.mailsec.core.query.Predicates;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import java.util.ArrayList;
import java.util.List;

/** The stored side of the end-to-end checks: every event of one stream, read page by page. */
final class StoredEvents {
  private StoredEvents() {}

  /** The events collected for the integration's data type (narrow further with between). */
  static EventQuery ofStream(String integrationId, String dataType) {
    return EventQuery.where(
        new And(
            List.of(
                Predicates.eq("ingest.integration_id", integrationId),
                Predicates.eq("ingest.data_type", dataType))));
  }

  /** Every event the query matches, following the cursor to the last page. */
  static List<Event> all(EventStore store, EventQuery query) {
    List<Event> all = new ArrayList<>();
    SearchRequest request = SearchRequest.of(query).withLimit(SearchRequest.MAX_LIMIT);
    while (true) {
      SearchResult page = store.search(request);
      all.addAll(page.events());
      if (page.nextCursor() == null) {
        return all;
      }
      request = request.after(page.nextCursor());
    }
  }
}
