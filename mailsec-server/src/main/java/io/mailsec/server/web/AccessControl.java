package io.mailsec.server.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.mailsec.server.auth.Principal;
import io.mailsec.server.auth.SessionManager;
import io.mailsec.server.auth.TokenStore;
import java.util.Optional;

/**
 * Wraps every route's handler with its access rule, in this order: authentication (a bearer token
 * in {@code Authorization}, else the session cookie) or 401; for a session and a state-changing
 * method, the {@value #CSRF_HEADER} header must equal the session's token or 403; the principal's
 * role must include the route's or 403. A request that presents an {@code Authorization} header is
 * judged by it alone, never by a cookie that came along.
 */
final class AccessControl {
  static final String SESSION_COOKIE = "mailsec_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String PRINCIPAL = "mailsec.principal";

  private final SessionManager sessions;
  private final TokenStore tokens;

  AccessControl(SessionManager sessions, TokenStore tokens) {
    this.sessions = sessions;
    this.tokens = tokens;
  }

  Handler guard(Route route) {
    Handler handler = route.handler();
    if (route.open()) {
      return ctx -> {
        authenticate(ctx).ifPresent(p -> ctx.attribute(PRINCIPAL, p));
        handler.handle(ctx);
      };
    }
    return ctx -> {
      Principal principal =
          authenticate(ctx)
              .orElseThrow(
                  () -> {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"mailsec\"");
                    return new ApiException(
                        401, "unauthenticated", "log in or send an API token (Bearer)");
                  });
      if (route.changesState()
          && principal.viaSession()
          && !route.csrfExempt()
          && !principal.session().csrfMatches(ctx.header(CSRF_HEADER))) {
        throw new ApiException(
            403, "csrf", "missing or wrong " + CSRF_HEADER + " header for this session");
      }
      if (!principal.may(route.role())) {
        throw new ApiException(
            403, "forbidden", "this needs the " + route.role().id() + " role or higher");
      }
      ctx.attribute(PRINCIPAL, principal);
      if (route.changesState()) {
        // Read the (size-limited) body even when the handler fails before it, so the connection
        // stays usable for the client's next request instead of being closed mid-upload.
        ctx.bodyAsBytes();
      }
      handler.handle(ctx);
    };
  }

  Optional<Principal> authenticate(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return tokens.authenticate(authorization.substring(7).strip());
      }
      return Optional.empty();
    }
    return sessions.resolve(ctx.cookie(SESSION_COOKIE));
  }

  /** The authenticated caller of a guarded route. */
  static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) {
      throw new ApiException(401, "unauthenticated", "log in or send an API token (Bearer)");
    }
    return p;
  }

  /** The caller of an open route, when they happen to be authenticated. */
  static Optional<Principal> optionalPrincipal(Context ctx) {
    return Optional.ofNullable(ctx.attribute(PRINCIPAL));
  }

  /** The client's address as the socket sees it (never a spoofable forwarding header). */
  static String clientAddress(Context ctx) {
    return ctx.req().getRemoteAddr();
  }
}
