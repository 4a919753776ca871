package io.mailsec.server.auth;

import java.util.Objects;

/**
 * Who made a request and how they proved it.
 *
 * @param username the user (for a token: its owner)
 * @param role the user's current role
 * @param session the session, when authenticated by the session cookie; null for a token
 * @param tokenId the API token's id, when authenticated by a bearer token; null for a session
 */
public record Principal(
    String username, Role role, SessionManager.Session session, String tokenId) {
  public Principal {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
  }

  public boolean viaSession() {
    return session != null;
  }

  public boolean may(Role required) {
    return role.includes(required);
  }
}
