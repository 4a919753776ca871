package io.mailsec.server.web;

/**
 * The endpoints of one area (search, integrations, users, ...). Implementations add their routes to
 * the table; {@link WebServer} secures every route by its {@link Route#role()} before any handler
 * runs, so handlers only check what is finer than a role (e.g. "own token").
 */
public interface RouteGroup {
  void addTo(RouteTable routes);
}
