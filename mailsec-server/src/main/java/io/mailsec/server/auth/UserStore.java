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
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local users of a data directory, in {@value #FILE_NAME} (owner-only, rewritten atomically).
 * Passwords are stored only as {@link PasswordHasher} hashes. User names are unique without regard
 * to case. The last admin can be neither removed nor demoted, so the installation never locks
 * itself out.
 *
 * <p>Thread-safe within one process. The file is re-read when another process (the {@code mailsec
 * users} command) changed it.
 */
public final class UserStore {
  public static final String FILE_NAME = "users.json";
  public static final int MIN_PASSWORD_LENGTH = 12;
  public static final int MAX_PASSWORD_LENGTH = 1024;

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final PasswordHasher hasher;
  private final Clock clock;
  private List<User> cached = List.of();
  private FileStamp cachedAt;

  public UserStore(Path dataDir, PasswordHasher hasher, Clock clock) {
    this.file = dataDir.resolve(FILE_NAME);
    this.hasher = hasher;
    this.clock = clock;
  }

  public UserStore(Path dataDir) {
    this(dataDir, new PasswordHasher(), Clock.systemUTC());
  }

  /** All users, by name. */
  public synchronized List<User> list() {
    try {
      Optional<FileStamp> stamp = FileStamp.of(file);
      if (stamp.isEmpty()) {
        cached = List.of();
        cachedAt = null;
        return cached;
      }
      FileStamp modified = stamp.get();
      if (!modified.equals(cachedAt)) {
        List<User> all = new ArrayList<>(JSON.readValue(file.toFile(), new TypeReference<>() {}));
        all.sort(Comparator.comparing(u -> key(u.username())));
        cached = List.copyOf(all);
        cachedAt = modified;
      }
      return cached;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public boolean isEmpty() {
    return list().isEmpty();
  }

  public Optional<User> find(String username) {
    if (username == null) {
      return Optional.empty();
    }
    String k = key(username);
    return list().stream().filter(u -> key(u.username()).equals(k)).findFirst();
  }

  /**
   * The user whose name and password match. Unknown names cost the same time as wrong passwords.
   */
  public Optional<User> authenticate(String username, String password) {
    Optional<User> user = find(username);
    if (user.isEmpty()) {
      hasher.verifyDecoy(password == null ? "" : password);
      return Optional.empty();
    }
    return password != null && hasher.verify(password, user.get().passwordHash())
        ? user
        : Optional.empty();
  }

  /**
   * Adds a user; throws {@link InvalidInputException} for a taken or malformed name or password.
   */
  public synchronized User add(String username, Role role, String password) {
    checkUsername(username);
    if (find(username).isPresent()) {
      throw new InvalidInputException("username", "'" + username + "' is taken");
    }
    checkPassword(password);
    if (role == null) {
      throw new InvalidInputException("role", "choose viewer, analyst or admin");
    }
    var now = clock.instant();
    User user = new User(username, role, hasher.hash(password), now, now);
    List<User> all = new ArrayList<>(list());
    all.add(user);
    write(all);
    return user;
  }

  /** Sets a new password; sessions of the user end (they carry the old password's time). */
  public synchronized User setPassword(String username, String password) {
    User old = require(username);
    checkPassword(password);
    User changed =
        new User(old.username(), old.role(), hasher.hash(password), old.created(), clock.instant());
    replace(changed);
    return changed;
  }

  public synchronized User setRole(String username, Role role) {
    User old = require(username);
    if (old.role() == Role.ADMIN && role != Role.ADMIN && admins() == 1) {
      throw new InvalidInputException("role", "the last admin cannot be demoted");
    }
    User changed =
        new User(old.username(), role, old.passwordHash(), old.created(), old.passwordChanged());
    replace(changed);
    return changed;
  }

  /** Removes a user; false when there is none of that name. */
  public synchronized boolean remove(String username) {
    Optional<User> user = find(username);
    if (user.isEmpty()) {
      return false;
    }
    if (user.get().role() == Role.ADMIN && admins() == 1) {
      throw new InvalidInputException("username", "the last admin cannot be removed");
    }
    List<User> all = new ArrayList<>(list());
    all.removeIf(u -> key(u.username()).equals(key(username)));
    write(all);
    return true;
  }

  private long admins() {
    return list().stream().filter(u -> u.role() == Role.ADMIN).count();
  }

  private User require(String username) {
    return find(username).orElseThrow(() -> new UnknownUserException(username));
  }

  private void replace(User changed) {
    List<User> all = new ArrayList<>(list());
    all.removeIf(u -> key(u.username()).equals(key(changed.username())));
    all.add(changed);
    write(all);
  }

  private void write(List<User> all) {
    JsonFiles.writeAtomically(file, JSON, all);
    cachedAt = null;
  }

  static void checkUsername(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new InvalidInputException(
          "username", "1-64 characters: letters, digits and . _ @ - (not first)");
    }
  }

  /** Throws {@link InvalidInputException} unless the password is acceptable. */
  public static void checkPassword(String password) {
    if (password == null
        || password.length() < MIN_PASSWORD_LENGTH
        || password.length() > MAX_PASSWORD_LENGTH) {
      throw new InvalidInputException(
          "password",
          "between " + MIN_PASSWORD_LENGTH + " and " + MAX_PASSWORD_LENGTH + " characters");
    }
    if (password.isBlank()) {
      throw new InvalidInputException("password", "must not be only spaces");
    }
  }

  private static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  /** No user of that name. */
  public static final class UnknownUserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownUserException(String username) {
      super("no user named '" + username + "'");
    }
  }
}
