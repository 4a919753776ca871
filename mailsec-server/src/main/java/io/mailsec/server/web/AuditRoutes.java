package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.server.auth.Role;
import java.util.Map;

/** The audit trail, newest first (admin only). */
final class AuditRoutes implements RouteGroup {
  static final int DEFAULT_LIMIT = 200;
  static final int MAX_LIMIT = 10_000;

  private final Services services;

  AuditRoutes(Services services) {
    this.services = services;
  }

  @Override
  public void addTo(RouteTable routes) {
    routes.get("/api/v1/audit", Role.ADMIN, "Audit trail, newest first (?limit=)", this::list);
  }

  private void list(Context ctx) {
    int limit = DEFAULT_LIMIT;
    String param = ctx.queryParam("limit");
    if (param != null) {
      try {
        limit = Integer.parseInt(param);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw ApiException.invalid(Map.of("limit", "from 1 to " + MAX_LIMIT));
      }
    }
    ctx.json(Map.of("entries", services.audit().newest(limit)));
  }
}
