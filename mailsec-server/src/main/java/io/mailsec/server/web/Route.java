package io.mailsec.server.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.mailsec.server.auth.Role;
import java.util.Objects;

/**
 * One HTTP endpoint of the server: method, path (Javalin syntax, {@code {id}} for a path
 * parameter), who may call it, and a line for the OpenAPI document. The server registers routes
 * only through {@link RouteTable}, so this list is complete: the security tests and the OpenAPI
 * document both walk it.
 *
 * @param role the least role required, or null for an open endpoint (no authentication)
 * @param csrfExempt true only for log-in, which has no session yet
 */
public record Route(
    HandlerType method,
    String path,
    Role role,
    String summary,
    boolean csrfExempt,
    Handler handler) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(handler, "handler");
  }

  public boolean open() {
    return role == null;
  }

  /** Whether the method changes state, so a session-authenticated call needs the CSRF header. */
  public boolean changesState() {
    return method.equals(HandlerType.POST)
        || method.equals(HandlerType.PUT)
        || method.equals(HandlerType.PATCH)
        || method.equals(HandlerType.DELETE);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
