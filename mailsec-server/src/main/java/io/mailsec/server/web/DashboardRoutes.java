package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.server.auth.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code GET /api/v1/dashboards}: the dashboards' panels and counts of a time range. */
final class DashboardRoutes implements RouteGroup {
  private final Services services;

  DashboardRoutes(Services services) {
    this.services = services;
  }

  @Override
  public void addTo(RouteTable routes) {
    routes.get(
        "/api/v1/dashboards",
        Role.VIEWER,
        "The dashboards of a time range (?range=1h|24h|7d|31d, default 24h): each KPI and panel"
            + " with the query that computes it",
        this::dashboards);
  }

  private void dashboards(Context ctx) {
    String id = ctx.queryParam("range");
    DashboardCatalog.Range range =
        id == null ? DashboardCatalog.DEFAULT_RANGE : DashboardCatalog.range(id);
    if (range == null) {
      throw ApiException.invalid(
          Map.of(
              "range",
              "one of "
                  + DashboardCatalog.RANGES.stream()
                      .map(DashboardCatalog.Range::id)
                      .collect(Collectors.joining(", "))));
    }
    DashboardCatalog.Window window = DashboardCatalog.window(range, services.clock().instant());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("range", range);
    out.put("ranges", DashboardCatalog.RANGES);
    out.put("from", window.from());
    out.put("to", window.to());
    out.put("kpis", DashboardCatalog.kpis(window));
    out.put("panels", DashboardCatalog.panels(range, window));
    ctx.json(out);
  }
}
