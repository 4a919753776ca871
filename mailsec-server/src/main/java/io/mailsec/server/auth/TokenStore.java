package io.mailsec.server.auth;

import io.mailsec.server.config.JsonListFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for scripts, in {@value #FILE_NAME} (owner-only, rewritten atomically). A token value
 * is {@value #PREFIX} plus 256 random bits; only its SHA-256 is stored, so the value is shown once,
 * when it is created. Thread-safe, also against the {@code mailsec tokens} command changing the
 * file from another process (see {@link JsonListFile}).
 */
public final class TokenStore {
  public static final String FILE_NAME = "tokens.json";
  public static final String PREFIX = "mst_";
  static final int MAX_NAME_LENGTH = 100;

  private final JsonListFile<ApiToken> file;
  private final UserStore users;
  private final Clock clock;

  public TokenStore(Path dataDir, UserStore users, Clock clock) {
    this.file =
        new JsonListFile<>(
            dataDir.resolve(FILE_NAME),
            ApiToken.class,
            Comparator.comparing(ApiToken::created).thenComparing(ApiToken::id));
    this.users = users;
    this.clock = clock;
  }

  /** A new token and its value, which cannot be retrieved later. */
  public record Issued(ApiToken token, String value) {
    @Override
    public String toString() {
      return "Issued[" + token + "]";
    }
  }

  /** Issues a token acting as {@code owner}. */
  public Issued create(String owner, String name) {
    if (users.find(owner).isEmpty()) {
      throw new UserStore.UnknownUserException(owner);
    }
    if (name == null
        || name.isBlank()
        || name.length() > MAX_NAME_LENGTH
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("name", "1-" + MAX_NAME_LENGTH + " printable characters");
    }
    String value = PREFIX + Tokens.random(32);
    ApiToken token =
        new ApiToken(
            Tokens.randomHex(6),
            name.strip(),
            users.find(owner).orElseThrow().username(),
            Tokens.fingerprint(value),
            value.substring(0, PREFIX.length() + 4),
            clock.instant());
    file.update(all -> all.add(token));
    return new Issued(token, value);
  }

  /** Every token, oldest first. */
  public List<ApiToken> list() {
    return file.read();
  }

  public Optional<ApiToken> find(String id) {
    return list().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** Revokes a token; false when there is none with that id. */
  public boolean revoke(String id) {
    return file.update(all -> all.removeIf(t -> t.id().equals(id)));
  }

  /** Revokes every token of a user (when the user is removed); returns how many. */
  public int revokeAllOf(String owner) {
    return file.update(
        all -> {
          int before = all.size();
          all.removeIf(t -> t.ownedBy(owner));
          return before - all.size();
        });
  }

  /** The principal a bearer value stands for: a live token of an existing user. */
  public Optional<Principal> authenticate(String value) {
    if (value == null || !value.startsWith(PREFIX) || value.length() > 200) {
      return Optional.empty();
    }
    String hash = Tokens.fingerprint(value);
    for (ApiToken token : list()) {
      if (Tokens.sameText(token.hash(), hash)) {
        return users
            .find(token.owner())
            .map(u -> new Principal(u.username(), u.role(), null, token.id()));
      }
    }
    return Optional.empty();
  }
}
