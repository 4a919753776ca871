package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.data.AuditEvent;
import io.mailsec.simulator.render.AuditRenderer;
import io.mailsec.simulator.render.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/audit/get-audit-events} (mimecast-api.md §6): events directly in {@code data[]},
 * newest first, {@code startDateTime}/{@code endDateTime} required, optional {@code query} (case-
 * insensitive text match) and {@code categories}. A start older than 60 days is clamped to the
 * retention limit.
 */
final class AuditEventsHandler {
  private static final String ENDPOINT = "audit";
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 500;

  private final SimContext context;

  AuditEventsHandler(SimContext context) {
    this.context = context;
  }

  SimResponse handle(SimRequest request, Caller caller, Instant now) {
    ApiBody body = ApiBody.parse(request);
    if (body == null) {
      return ApiBody.malformed();
    }
    PagedQuery query;
    if (body.pageToken() != null) {
      Optional<PagedQuery> opened = PagedQuery.open(context.cursors, body.pageToken(), ENDPOINT);
      if (opened.isEmpty()) {
        return Envelopes.validation(
            "err_invalid_page_token", "pageToken", "The page token is not valid", body.item());
      }
      query = opened.get();
    } else {
      for (String field : List.of("startDateTime", "endDateTime")) {
        String text = body.text(field);
        if (text == null) {
          return Envelopes.validation(
              "err_validation_null", field, field + " must not be null", body.item());
        }
        if (RequestDates.parseInstant(text).isEmpty()) {
          return Envelopes.validation(
              "err_validation_invalid_value",
              field,
              field + " must be an ISO-8601 date, e.g. 2021-11-16T12:03:24+0000",
              body.item());
        }
      }
      Instant start = RequestDates.parseInstant(body.text("startDateTime")).orElseThrow();
      Instant end = RequestDates.parseInstant(body.text("endDateTime")).orElseThrow();
      if (end.isAfter(now)) {
        end = now;
      }
      ObjectNode filters = Json.object();
      String text = body.text("query");
      if (text != null) {
        filters.put("query", text.toLowerCase(Locale.ROOT));
      }
      ArrayNode categories = filters.putArray("categories");
      body.list("categories").forEach(categories::add);
      query = new PagedQuery(ENDPOINT, start, end, false, filters, 0, false);
    }
    int pageSize = body.pageSizeOr(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    List<AuditEvent> events = new ArrayList<>();
    for (AuditEvent event : context.account.auditEvents(query.from(), query.to(), now)) {
      if (matches(event, query.filters())) {
        events.add(event);
      }
    }
    Collections.reverse(events);
    int total = events.size();
    int from = Math.min(query.offset(), total);
    int to = Math.min(from + pageSize, total);
    List<Map<String, Object>> page = new ArrayList<>();
    for (AuditEvent event : events.subList(from, to)) {
      page.add(AuditRenderer.render(event));
    }
    ObjectNode pagination = Json.object();
    pagination.put("pageSize", pageSize);
    pagination.put("totalCount", total);
    if (to < total) {
      pagination.put("next", query.at(to, false).seal(context.cursors));
    }
    if (from > 0) {
      pagination.put(
          "previous", query.at(Math.max(0, from - pageSize), false).seal(context.cursors));
    }
    return SimResponse.json(200, Envelopes.ok(page, pagination));
  }

  private static boolean matches(AuditEvent event, JsonNode filters) {
    JsonNode categories = filters.path("categories");
    if (categories.size() > 0) {
      boolean any = false;
      for (JsonNode category : categories) {
        any |= category.asText().equals(event.category());
      }
      if (!any) {
        return false;
      }
    }
    if (filters.has("query")) {
      String text = filters.path("query").asText();
      String haystack =
          (event.auditType() + " " + event.user() + " " + event.eventInfo())
              .toLowerCase(Locale.ROOT);
      return haystack.contains(text);
    }
    return true;
  }
}
