package io.mailsec.server.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.mailsec.server.auth.Role;
import java.util.ArrayList;
import java.util.List;

/** Collects the routes of the {@link RouteGroup}s, in registration order. */
public final class RouteTable {
  private final List<Route> routes = new ArrayList<>();

  public RouteTable get(String path, Role role, String summary, Handler handler) {
    return add(new Route(HandlerType.GET, path, role, summary, false, handler));
  }

  public RouteTable post(String path, Role role, String summary, Handler handler) {
    return add(new Route(HandlerType.POST, path, role, summary, false, handler));
  }

  public RouteTable put(String path, Role role, String summary, Handler handler) {
    return add(new Route(HandlerType.PUT, path, role, summary, false, handler));
  }

  public RouteTable patch(String path, Role role, String summary, Handler handler) {
    return add(new Route(HandlerType.PATCH, path, role, summary, false, handler));
  }

  public RouteTable delete(String path, Role role, String summary, Handler handler) {
    return add(new Route(HandlerType.DELETE, path, role, summary, false, handler));
  }

  public RouteTable add(Route route) {
    for (Route existing : routes) {
      if (existing.method().equals(route.method()) && existing.path().equals(route.path())) {
        throw new IllegalStateException("route registered twice: " + route);
      }
    }
    routes.add(route);
    return this;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }
}
