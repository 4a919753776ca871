package io.mailsec.server.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the audit trail. {@code details} never holds a secret or password, only names, ids
 * and which fields changed.
 *
 * @param time when it happened
 * @param actor user name, or the attempted user name of a failed log-in
 * @param action dotted verb, e.g. {@code integration.update}, {@code auth.login_failed}
 * @param target what it acted on (integration id, user name, token id), or null
 * @param outcome {@code ok}, or why not
 * @param address the client address
 * @param details extra facts, e.g. the fields changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(
    Instant time,
    String actor,
    String action,
    String target,
    String outcome,
    String address,
    Map<String, Object> details) {
  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(action, "action");
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
