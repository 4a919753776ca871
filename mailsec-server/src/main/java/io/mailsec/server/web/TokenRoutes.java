package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.server.auth.ApiToken;
import io.mailsec.server.auth.Principal;
import io.mailsec.server.auth.Role;
import io.mailsec.server.auth.TokenStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API tokens: everyone lists, creates and revokes their own; an admin sees and revokes everyone's.
 * The value is in the creation response only. Another user's token answers 404, not 403, so ids
 * reveal nothing.
 */
final class TokenRoutes implements RouteGroup {
  private final Services services;

  TokenRoutes(Services services) {
    this.services = services;
  }

  record TokenBody(String name) {}

  @Override
  public void addTo(RouteTable routes) {
    routes
        .get("/api/v1/tokens", Role.VIEWER, "API tokens: own (admin: all)", this::list)
        .post(
            "/api/v1/tokens",
            Role.VIEWER,
            "Create an API token for oneself: {name}; the value is shown once",
            this::create)
        .delete("/api/v1/tokens/{id}", Role.VIEWER, "Revoke an API token", this::revoke);
  }

  private void list(Context ctx) {
    Principal p = AccessControl.principal(ctx);
    List<Object> out = new ArrayList<>();
    for (ApiToken t : services.tokens().list()) {
      if (p.may(Role.ADMIN) || t.ownedBy(p.username())) {
        out.add(view(t));
      }
    }
    ctx.json(Map.of("tokens", out));
  }

  private void create(Context ctx) {
    Principal p = AccessControl.principal(ctx);
    TokenBody body = Json.body(ctx, TokenBody.class);
    TokenStore.Issued issued = services.tokens().create(p.username(), body.name());
    services.audit(
        ctx, "token.create", issued.token().id(), "ok", Map.of("name", issued.token().name()));
    Map<String, Object> out = view(issued.token());
    out.put("token", issued.value());
    ctx.status(201);
    ctx.json(out);
  }

  private void revoke(Context ctx) {
    Principal p = AccessControl.principal(ctx);
    String id = ctx.pathParam("id");
    ApiToken token =
        services
            .tokens()
            .find(id)
            .filter(t -> p.may(Role.ADMIN) || t.ownedBy(p.username()))
            .orElseThrow(() -> ApiException.notFound("no token '" + Json.clip(id) + "'"));
    services.tokens().revoke(token.id());
    services.audit(ctx, "token.revoke", token.id(), "ok", Map.of("owner", token.owner()));
    ctx.status(204);
  }

  private static Map<String, Object> view(ApiToken t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("name", t.name());
    out.put("owner", t.owner());
    out.put("hint", t.hint() + "…");
    out.put("created", t.created());
    return out;
  }
}
