package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.server.auth.Role;
import io.mailsec.server.auth.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local users (admin only). Passwords are write-only; a password set by an admin ends the user's
 * sessions, removing a user also revokes their API tokens. Every change is audited (without the
 * password).
 */
final class UserRoutes implements RouteGroup {
  private final Services services;

  UserRoutes(Services services) {
    this.services = services;
  }

  record UserBody(String username, String role, String password) {
    @Override
    public String toString() {
      return "UserBody[" + username + "]";
    }
  }

  record UserChange(String role, String password) {
    @Override
    public String toString() {
      return "UserChange[" + role + "]";
    }
  }

  @Override
  public void addTo(RouteTable routes) {
    routes
        .get("/api/v1/users", Role.ADMIN, "Local users", this::list)
        .post("/api/v1/users", Role.ADMIN, "Add a user: {username, role, password}", this::add)
        .put(
            "/api/v1/users/{name}",
            Role.ADMIN,
            "Change a user's role and/or password: {role?, password?}",
            this::change)
        .delete(
            "/api/v1/users/{name}", Role.ADMIN, "Remove a user (and their tokens)", this::remove);
  }

  private void list(Context ctx) {
    List<Object> out = new ArrayList<>();
    services.users().list().forEach(u -> out.add(view(u)));
    ctx.json(Map.of("users", out));
  }

  private void add(Context ctx) {
    UserBody body = Json.body(ctx, UserBody.class);
    User user = services.users().add(body.username(), role(body.role()), body.password());
    services.audit(ctx, "user.create", user.username(), "ok", Map.of("role", user.role().id()));
    ctx.status(201);
    ctx.json(view(user));
  }

  private void change(Context ctx) {
    String name = ctx.pathParam("name");
    UserChange body = Json.body(ctx, UserChange.class);
    User user = services.users().find(name).orElseThrow(() -> notFound(name));
    List<String> changed = new ArrayList<>();
    if (body.password() != null) {
      user = services.users().setPassword(user.username(), body.password());
      changed.add("password");
    }
    if (body.role() != null) {
      user = services.users().setRole(user.username(), role(body.role()));
      changed.add("role");
    }
    services.audit(ctx, "user.update", user.username(), "ok", Map.of("changed", changed));
    ctx.json(view(user));
  }

  private void remove(Context ctx) {
    String name = ctx.pathParam("name");
    User user = services.users().find(name).orElseThrow(() -> notFound(name));
    services.users().remove(user.username());
    services.sessions().invalidateUser(user.username());
    int tokens = services.tokens().revokeAllOf(user.username());
    services.audit(ctx, "user.delete", user.username(), "ok", Map.of("tokensRevoked", tokens));
    ctx.status(204);
  }

  private static Role role(String text) {
    if (text == null) {
      throw ApiException.invalid(Map.of("role", "choose viewer, analyst or admin"));
    }
    try {
      return Role.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(Map.of("role", "choose viewer, analyst or admin"));
    }
  }

  private static ApiException notFound(String name) {
    return ApiException.notFound("no user named '" + Json.clip(name) + "'");
  }

  static Map<String, Object> view(User u) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("username", u.username());
    out.put("role", u.role().id());
    out.put("created", u.created());
    out.put("passwordChanged", u.passwordChanged());
    return out;
  }
}
