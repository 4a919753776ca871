package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.query.Predicates;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SortKey;
import io.mailsec.server.auth.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One event by id, and the message timeline: every {@code email} row sharing the event's {@value
 * #CORRELATION} (Mimecast's per-message aCode), plus the {@code http} clicks on URLs of that
 * message (linked by {@value #MESSAGE_ID}), oldest first.
 */
final class EventRoutes implements RouteGroup {
  static final String CORRELATION = "correlation_id";
  static final String MESSAGE_ID = "message_id";

  /** A message has a handful of rows; this bounds a pathological correlation key. */
  static final int MAX_TIMELINE = 1000;

  private final Services services;

  EventRoutes(Services services) {
    this.services = services;
  }

  @Override
  public void addTo(RouteTable routes) {
    routes
        .get("/api/v1/events/{id}", Role.VIEWER, "One event: fields and original_data", this::one)
        .get(
            "/api/v1/events/{id}/timeline",
            Role.VIEWER,
            "The message timeline of an event, oldest first",
            this::timeline);
  }

  private void one(Context ctx) {
    ctx.json(EventJson.toTree(require(ctx.pathParam("id"))));
  }

  private void timeline(Context ctx) {
    Event event = require(ctx.pathParam("id"));
    Set<String> correlations = new LinkedHashSet<>(strings(event, CORRELATION));
    Set<String> messageIds = new LinkedHashSet<>(strings(event, MESSAGE_ID));
    if (correlations.isEmpty() && !messageIds.isEmpty()) {
      for (Event e : find(SchemaRegistry.EMAIL, Predicates.in(MESSAGE_ID, messageIds.toArray()))) {
        correlations.addAll(strings(e, CORRELATION));
      }
    }
    Map<String, Event> rows = new LinkedHashMap<>();
    rows.put(event.id(), event);
    if (!correlations.isEmpty()) {
      for (Event e :
          find(SchemaRegistry.EMAIL, Predicates.in(CORRELATION, correlations.toArray()))) {
        rows.putIfAbsent(e.id(), e);
        messageIds.addAll(strings(e, MESSAGE_ID));
      }
    }
    if (!messageIds.isEmpty()) {
      for (Event e : find(SchemaRegistry.HTTP, Predicates.in(MESSAGE_ID, messageIds.toArray()))) {
        rows.putIfAbsent(e.id(), e);
      }
    }
    List<Event> ordered = new ArrayList<>(rows.values());
    ordered.sort(
        Comparator.comparing(
                Event::eventTime,
                Comparator.nullsLast(Comparator.<java.time.Instant>naturalOrder()))
            .thenComparing(Event::id, Comparator.nullsLast(Comparator.<String>naturalOrder())));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("correlationIds", List.copyOf(correlations));
    out.put("messageIds", List.copyOf(messageIds));
    out.put("events", ordered.stream().map(EventJson::toTree).toList());
    ctx.json(out);
  }

  private Event require(String id) {
    if (id.isEmpty() || id.length() > 200) {
      throw ApiException.notFound("no event with that id");
    }
    return find(null, Predicates.eq("id", id)).stream()
        .filter(e -> id.equals(e.id()))
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("no event with id '" + Json.clip(id) + "'"));
  }

  private List<Event> find(String schema, Predicate predicate) {
    EventQuery query =
        new EventQuery(schema == null ? Set.of() : Set.of(schema), predicate, null, null);
    return SearchRoutes.storeCall(
            () ->
                services
                    .store()
                    .search(
                        new SearchRequest(
                            query, List.of(SortKey.asc("event_time")), MAX_TIMELINE, null)))
        .events();
  }

  private static List<String> strings(Event e, String field) {
    return e.get(field).stream().filter(String.class::isInstance).map(String.class::cast).toList();
  }
}
