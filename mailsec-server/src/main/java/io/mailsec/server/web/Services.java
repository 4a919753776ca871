package io.mailsec.server.web;

import io.javalin.http.Context;
import io.mailsec.core.store.EventStore;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.auth.AuditEntry;
import io.mailsec.server.auth.AuditLog;
import io.mailsec.server.auth.LoginThrottle;
import io.mailsec.server.auth.SessionManager;
import io.mailsec.server.auth.TokenStore;
import io.mailsec.server.auth.UserStore;
import io.mailsec.server.collect.CollectorSupervisor;
import io.mailsec.server.collect.MimecastClients;
import io.mailsec.server.config.SavedSearchRepository;
import java.time.Clock;
import java.util.Map;

/**
 * What the route groups work with, built once by {@link WebServer.Builder}. {@code collectors} is
 * null when the server runs without collection (then integration changes are only saved).
 */
record Services(
    DataDirectory dir,
    EventStore store,
    CollectorSupervisor collectors,
    MimecastClients clients,
    UserStore users,
    SessionManager sessions,
    TokenStore tokens,
    AuditLog audit,
    LoginThrottle throttle,
    SavedSearchRepository savedSearches,
    Clock clock,
    boolean tls) {

  /** Appends to the audit trail as the request's caller. */
  void audit(
      Context ctx, String action, String target, String outcome, Map<String, Object> details) {
    String actor = AccessControl.optionalPrincipal(ctx).map(p -> p.username()).orElse(null);
    auditAs(ctx, actor, action, target, outcome, details);
  }

  void auditAs(
      Context ctx,
      String actor,
      String action,
      String target,
      String outcome,
      Map<String, Object> details) {
    audit.append(
        new AuditEntry(
            clock.instant(),
            actor,
            action,
            target,
            outcome,
            AccessControl.clientAddress(ctx),
            details));
  }
}
