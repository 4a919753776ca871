package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.ql.Pipe;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QueryOptions;
import io.mailsec.core.ql.QueryPlan;
import io.mailsec.core.ql.QueryResult;
import io.mailsec.core.ql.SavedSearch;
import io.mailsec.core.ql.StoreQueryRunner;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.SortKey;
import io.mailsec.server.auth.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search with the query language: {@code POST /api/v1/search} (events page by page with a cursor,
 * or an aggregate's table), explain, streamed export, and saved searches.
 *
 * <p>Queries without pipes other than {@code sort} and {@code fields} are paged by the store: each
 * page is one store search continuing the previous page's cursor, planned at the first page's
 * instant so relative windows do not slide. Other queries run whole (at most 10,000 rows) and have
 * no next page.
 */
final class SearchRoutes implements RouteGroup {
  static final int DEFAULT_LIMIT = 100;

  private final Services services;
  private final SchemaRegistry registry = SchemaRegistry.standard();
  private final QueryLanguage ql = new QueryLanguage(registry, QueryOptions.DEFAULTS);
  private final StoreQueryRunner runner = new StoreQueryRunner(registry, QueryOptions.DEFAULTS);

  SearchRoutes(Services services) {
    this.services = services;
  }

  /** Body of {@code POST /api/v1/search}. */
  record SearchBody(String query, Integer limit, String cursor) {}

  /** Body of explain and of saving a search. */
  record QueryBody(String query) {}

  @Override
  public void addTo(RouteTable routes) {
    routes
        .post(
            "/api/v1/search",
            Role.VIEWER,
            "Run a query: events (paged by cursor) or an aggregate's table",
            this::search)
        .post(
            "/api/v1/search/explain",
            Role.VIEWER,
            "The expanded query (schemas, fields, absolute window)",
            this::explain)
        .get(
            "/api/v1/search/export",
            Role.VIEWER,
            "Stream a query's results as CSV or NDJSON (?query=&format=csv|ndjson&fields=a,b)",
            this::export)
        .get("/api/v1/saved-searches", Role.VIEWER, "Saved searches", this::listSaved)
        .put(
            "/api/v1/saved-searches/{name}",
            Role.ANALYST,
            "Save (or replace) a search: {query}",
            this::save)
        .delete(
            "/api/v1/saved-searches/{name}",
            Role.ANALYST,
            "Remove a saved search",
            this::removeSaved);
  }

  private void search(Context ctx) {
    SearchBody body = Json.body(ctx, SearchBody.class);
    String query = requireQuery(body.query());
    int limit = body.limit() == null ? DEFAULT_LIMIT : body.limit();
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
      throw ApiException.invalid(Map.of("limit", "from 1 to " + SearchRequest.MAX_LIMIT));
    }
    SearchCursor cursor = body.cursor() == null ? null : SearchCursor.decode(body.cursor(), query);
    Instant now = cursor != null ? cursor.plannedAt() : services.clock().instant();
    long started = System.nanoTime();
    QueryPlan plan = ql.plan(query, now);
    Map<String, Object> out = new LinkedHashMap<>();
    if (pageable(plan)) {
      SearchResult page =
          storeCall(
              () ->
                  services
                      .store()
                      .search(
                          new SearchRequest(
                              plan.eventQuery(),
                              pageSort(plan),
                              limit,
                              cursor == null ? null : cursor.storeCursor())));
      out.put("kind", "events");
      out.put("total", page.totalHits());
      out.put("events", page.events().stream().map(EventJson::toTree).toList());
      out.put("fields", fieldsOf(plan));
      out.put(
          "nextCursor",
          page.nextCursor() == null
              ? null
              : new SearchCursor(now, SearchCursor.fingerprint(query), page.nextCursor()).encode());
      out.put("truncated", false);
    } else {
      if (cursor != null) {
        throw new ApiException(400, "bad_cursor", "this query has no further pages");
      }
      QueryResult result = storeCall(() -> runner.run(plan, services.store()));
      if (result instanceof QueryResult.Events events) {
        List<Event> shown = events.events().subList(0, Math.min(limit, events.events().size()));
        out.put("kind", "events");
        out.put("total", events.matched());
        out.put("events", shown.stream().map(EventJson::toTree).toList());
        out.put("fields", events.fields());
        out.put("nextCursor", null);
        out.put("truncated", events.truncated() || shown.size() < events.events().size());
      } else {
        QueryResult.Table table = (QueryResult.Table) result;
        out.put("kind", "table");
        out.put("columns", columns(table));
        out.put("rows", table.rows());
        out.put("total", table.rows().size());
        out.put("truncated", table.truncated());
      }
    }
    out.put("tookMs", (System.nanoTime() - started) / 1_000_000);
    out.put("expanded", plan.explain());
    out.put("from", plan.from());
    out.put("to", plan.to());
    ctx.json(out);
  }

  private void explain(Context ctx) {
    QueryBody body = Json.body(ctx, QueryBody.class);
    QueryPlan plan = ql.plan(requireQuery(body.query()), services.clock().instant());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("expanded", plan.explain());
    out.put("schemas", plan.schemas());
    out.put("from", plan.from());
    out.put("to", plan.to());
    ctx.json(out);
  }

  private void export(Context ctx) {
    String query = requireQuery(ctx.queryParam("query"));
    String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
    if (!format.equals("csv") && !format.equals("ndjson")) {
      throw ApiException.invalid(Map.of("format", "csv or ndjson"));
    }
    List<String> fields = ExportWriter.fieldList(ctx.queryParam("fields"));
    QueryPlan plan = ql.plan(query, services.clock().instant());
    ExportWriter writer = new ExportWriter(format.equals("csv"), fields);
    ctx.header("Content-Disposition", "attachment; filename=\"mailsec-export." + format + "\"");
    ctx.contentType(format.equals("csv") ? "text/csv; charset=utf-8" : "application/x-ndjson");
    if (pageable(plan)) {
      List<String> columns = fields.isEmpty() ? fieldsOf(plan) : fields;
      writer.streamEvents(
          ctx,
          columns,
          cursor ->
              storeCall(
                  () ->
                      services
                          .store()
                          .search(
                              new SearchRequest(
                                  plan.eventQuery(), pageSort(plan), ExportWriter.PAGE, cursor))));
    } else {
      writer.write(ctx, storeCall(() -> runner.run(plan, services.store())));
    }
  }

  private void listSaved(Context ctx) {
    List<Object> out = new ArrayList<>();
    for (SavedSearch s : services.savedSearches().list()) {
      out.add(saved(s));
    }
    ctx.json(Map.of("savedSearches", out));
  }

  private void save(Context ctx) {
    String name = ctx.pathParam("name");
    if (name.isBlank()
        || name.length() > SavedSearch.MAX_NAME_LENGTH
        || !name.equals(name.strip())) {
      throw ApiException.invalid(
          Map.of("name", "1 to " + SavedSearch.MAX_NAME_LENGTH + " characters, no outer spaces"));
    }
    QueryBody body = Json.body(ctx, QueryBody.class);
    String query = requireQuery(body.query());
    ql.parse(query);
    Instant now = services.clock().instant();
    SavedSearch stored =
        services
            .savedSearches()
            .save(new SavedSearch(name, query, AccessControl.principal(ctx).username(), now, now));
    ctx.json(saved(stored));
  }

  private void removeSaved(Context ctx) {
    String name = ctx.pathParam("name");
    if (!services.savedSearches().remove(name)) {
      throw ApiException.notFound("no saved search named '" + Json.clip(name) + "'");
    }
    ctx.status(204);
  }

  private static Map<String, Object> saved(SavedSearch s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", s.name());
    out.put("query", s.query());
    out.put("owner", s.owner());
    out.put("created", s.created());
    out.put("updated", s.updated());
    return out;
  }

  static String requireQuery(String query) {
    if (query == null) {
      throw ApiException.invalid(Map.of("query", "required (may be empty for all events)"));
    }
    return query;
  }

  /** Whether the store can page the query: only sorts and column choices after the condition. */
  static boolean pageable(QueryPlan plan) {
    return plan.storeStep() instanceof QueryPlan.SearchRows rows
        && !rows.head()
        && plan.pipes().stream().allMatch(p -> p instanceof Pipe.Sort || p instanceof Pipe.Fields);
  }

  private static List<SortKey> pageSort(QueryPlan plan) {
    return ((QueryPlan.SearchRows) plan.storeStep()).sort();
  }

  private static List<String> fieldsOf(QueryPlan plan) {
    List<String> fields = List.of();
    for (Pipe pipe : plan.pipes()) {
      if (pipe instanceof Pipe.Fields f) {
        fields = f.columns();
      }
    }
    return fields;
  }

  private static List<Map<String, String>> columns(QueryResult.Table table) {
    return table.columns().stream()
        .map(c -> Map.of("name", c.name(), "type", c.type().wireName()))
        .toList();
  }

  /**
   * Runs a store call; what only the data reveals (an expensive regular expression, too many events
   * to scan, a cursor the store does not recognise) becomes a 400 with the store's message.
   */
  static <T> T storeCall(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400, "query_failed", e.getMessage() == null ? "the query cannot run" : e.getMessage());
    }
  }
}
