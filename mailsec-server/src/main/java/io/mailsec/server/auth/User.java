package io.mailsec.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A local user as stored in {@code users.json}. {@code passwordHash} is the {@link PasswordHasher}
 * form; {@link #toString()} leaves it out.
 */
public record User(
    String username, Role role, String passwordHash, Instant created, Instant passwordChanged) {
  public User {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(passwordChanged, "passwordChanged");
  }

  @Override
  public String toString() {
    return "User[" + username + ", " + role.id() + "]";
  }
}
