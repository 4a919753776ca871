package io.mailsec.server.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a local user may do. Roles are ordered: each includes everything the roles below it may do.
 *
 * <ul>
 *   <li>{@link #VIEWER} reads: search, events, integrations and their health, saved searches,
 *       alerts, rules, own API tokens.
 *   <li>{@link #ANALYST} adds saved searches, alert status changes and rules.
 *   <li>{@link #ADMIN} adds integrations, users, everyone's tokens and the audit trail.
 * </ul>
 */
public enum Role {
  VIEWER,
  ANALYST,
  ADMIN;

  /** Whether this role may do what {@code required} may do. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code viewer}, {@code analyst} or {@code admin} (any case). */
  @JsonCreator
  public static Role parse(String text) {
    if (text != null) {
      for (Role role : values()) {
        if (role.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException("role must be viewer, analyst or admin");
  }
}
