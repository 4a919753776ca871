package io.mailsec.server.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mailsec.server.config.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for scripts, in {@value #FILE_NAME} (owner-only, rewritten atomically). A token value
 * is {@value #PREFIX} plus 256 random bits; only its SHA-256 is stored, so the value is shown once,
 * when it is created. Thread-safe within one process; re-reads the file when another process
 * changed it.
 */
public final class TokenStore {
  public static final String FILE_NAME = "tokens.json";
  public static final String PREFIX = "mst_";
  static final int MAX_NAME_LENGTH = 100;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final UserStore users;
  private final Clock clock;
  private List<ApiToken> cached = List.of();
  private FileStamp cachedAt;

  public TokenStore(Path dataDir, UserStore users, Clock clock) {
    this.file = dataDir.resolve(FILE_NAME);
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
  public synchronized Issued create(String owner, String name) {
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
    List<ApiToken> all = new ArrayList<>(list());
    all.add(token);
    write(all);
    return new Issued(token, value);
  }

  /** Every token, oldest first. */
  public synchronized List<ApiToken> list() {
    try {
      Optional<FileStamp> stamp = FileStamp.of(file);
      if (stamp.isEmpty()) {
        cached = List.of();
        cachedAt = null;
        return cached;
      }
      FileStamp modified = stamp.get();
      if (!modified.equals(cachedAt)) {
        List<ApiToken> all =
            new ArrayList<>(JSON.readValue(file.toFile(), new TypeReference<>() {}));
        all.sort(Comparator.comparing(ApiToken::created).thenComparing(ApiToken::id));
        cached = List.copyOf(all);
        cachedAt = modified;
      }
      return cached;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public Optional<ApiToken> find(String id) {
    return list().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** Revokes a token; false when there is none with that id. */
  public synchronized boolean revoke(String id) {
    List<ApiToken> all = new ArrayList<>(list());
    boolean removed = all.removeIf(t -> t.id().equals(id));
    if (removed) {
      write(all);
    }
    return removed;
  }

  /** Revokes every token of a user (when the user is removed); returns how many. */
  public synchronized int revokeAllOf(String owner) {
    List<ApiToken> all = new ArrayList<>(list());
    int before = all.size();
    all.removeIf(t -> t.ownedBy(owner));
    if (all.size() != before) {
      write(all);
    }
    return before - all.size();
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

  private void write(List<ApiToken> all) {
    JsonFiles.writeAtomically(file, JSON, all);
    cachedAt = null;
  }
}
