package io.mailsec.server.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;

/**
 * An API token as stored: the SHA-256 of its value, never the value. The token acts with its
 * owner's current role.
 *
 * @param id short public identifier, used to list and revoke
 * @param name what the owner called it (e.g. "splunk export")
 * @param owner the user it acts as
 * @param hash hex SHA-256 of the token value
 * @param hint the first characters of the value, so an owner can recognise it
 * @param created when it was issued
 */
public record ApiToken(
    String id, String name, String owner, String hash, String hint, Instant created) {
  public ApiToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(created, "created");
  }

  @JsonIgnore
  public boolean ownedBy(String username) {
    return owner.equalsIgnoreCase(username);
  }

  @Override
  public String toString() {
    return "ApiToken[" + id + ", " + name + ", " + owner + "]";
  }
}
