package io.mailsec.server.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.schema.AlertFields;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.SortKey;
import io.mailsec.detect.AlertRepository;
import io.mailsec.server.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts (docs/detections.md): list, one, status changes through the detection engine. */
final class AlertRoutes implements RouteGroup {
  static final int DEFAULT_LIMIT = 100;

  private final Services services;

  AlertRoutes(Services services) {
    this.services = services;
  }

  /** The body of a status change. */
  record StatusBody(String status, String note) {}

  @Override
  public void addTo(RouteTable routes) {
    routes
        .get(
            "/api/v1/alerts",
            Role.VIEWER,
            "Alerts, most recent first (?status=&severity= minimum&rule= rule id&limit=)",
            this::list)
        .get("/api/v1/alerts/{id}", Role.VIEWER, "One alert with its history", this::one)
        .patch(
            "/api/v1/alerts/{id}",
            Role.ANALYST,
            "Change an alert's status: {\"status\", \"note\"?}",
            this::update);
  }

  private void list(Context ctx) {
    List<Predicate> where = new ArrayList<>();
    Map<String, String> problems = new LinkedHashMap<>();
    String status = ctx.queryParam("status");
    if (status != null) {
      if (AlertFields.STATUSES.contains(status)) {
        where.add(new Comparison("status", Operator.EQ, status));
      } else {
        problems.put("status", "one of " + String.join(", ", AlertFields.STATUSES));
      }
    }
    String severity = ctx.queryParam("severity");
    if (severity != null) {
      var rank = AlertFields.severityRank(severity);
      if (rank.isPresent()) {
        where.add(new Comparison("severity_score", Operator.GE, rank.getAsLong()));
      } else {
        problems.put("severity", "one of " + String.join(", ", AlertFields.SEVERITIES));
      }
    }
    String rule = ctx.queryParam("rule");
    if (rule != null) {
      if (rule.isBlank()) {
        problems.put("rule", "a rule id");
      } else {
        where.add(new Comparison("rule_id", Operator.EQ, rule));
      }
    }
    int limit = DEFAULT_LIMIT;
    String limitParam = ctx.queryParam("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
        problems.put("limit", "from 1 to " + SearchRequest.MAX_LIMIT);
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    Predicate predicate =
        where.isEmpty() ? new MatchAll() : where.size() == 1 ? where.get(0) : new And(where);
    SearchResult result =
        services
            .store()
            .search(
                new SearchRequest(
                    EventQuery.where(predicate).withSchemas(SchemaRegistry.ALERT),
                    List.of(SortKey.desc("last_seen")),
                    limit,
                    null));
    ArrayNode alerts = Json.MAPPER.createArrayNode();
    for (Event alert : result.events()) {
      alerts.add(EventJson.toTree(alert).get("fields"));
    }
    ctx.json(Map.of("alerts", alerts, "total", result.totalHits()));
  }

  private void one(Context ctx) {
    Event alert =
        AlertRepository.find(services.store(), ctx.pathParam("id"))
            .orElseThrow(
                () -> ApiException.notFound("no alert '" + Json.clip(ctx.pathParam("id")) + "'"));
    ctx.json(EventJson.toTree(alert).get("fields"));
  }

  private void update(Context ctx) {
    StatusBody body = Json.body(ctx, StatusBody.class);
    if (body.status() == null || !AlertFields.STATUSES.contains(body.status())) {
      throw ApiException.invalid(
          Map.of("status", "one of " + String.join(", ", AlertFields.STATUSES)));
    }
    String id = ctx.pathParam("id");
    String actor = AccessControl.principal(ctx).username();
    Event updated =
        services
            .dir()
            .detection()
            .engine()
            .updateStatus(id, body.status(), actor, body.note())
            .orElseThrow(() -> ApiException.notFound("no alert '" + Json.clip(id) + "'"));
    services.audit(ctx, "alert.status", id, "ok", Map.of("status", body.status()));
    ctx.json(EventJson.toTree(updated).get("fields"));
  }
}
