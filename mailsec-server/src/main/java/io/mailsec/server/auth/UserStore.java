package io.mailsec.server.auth;

import io.mailsec.server.config.JsonListFile;
import java.nio.file.Path;
import java.time.Clock;
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
 * <p>Thread-safe, also against the {@code mailsec users} command changing the file from another
 * process (see {@link JsonListFile}).
 */
public final class UserStore {
  public static final String FILE_NAME = "users.json";
  public static final int MIN_PASSWORD_LENGTH = 12;
  public static final int MAX_PASSWORD_LENGTH = 1024;

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private final JsonListFile<User> file;
  private final PasswordHasher hasher;
  private final Clock clock;

  public UserStore(Path dataDir, PasswordHasher hasher, Clock clock) {
    this.file =
        new JsonListFile<>(
            dataDir.resolve(FILE_NAME), User.class, Comparator.comparing(u -> key(u.username())));
    this.hasher = hasher;
    this.clock = clock;
  }

  public UserStore(Path dataDir) {
    this(dataDir, new PasswordHasher(), Clock.systemUTC());
  }

  /** All users, by name. */
  public List<User> list() {
    return file.read();
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
  public User add(String username, Role role, String password) {
    checkUsername(username);
    if (find(username).isPresent()) {
      throw taken(username);
    }
    checkPassword(password);
    if (role == null) {
      throw new InvalidInputException("role", "choose viewer, analyst or admin");
    }
    var now = clock.instant();
    User user = new User(username, role, hasher.hash(password), now, now);
    return file.update(
        all -> {
          if (indexOf(all, username) >= 0) {
            throw taken(username);
          }
          all.add(user);
          return user;
        });
  }

  /** Sets a new password; sessions of the user end (they carry the old password's time). */
  public User setPassword(String username, String password) {
    checkPassword(password);
    String hash = hasher.hash(password);
    return file.update(
        all -> {
          int i = require(all, username);
          User old = all.get(i);
          User changed = new User(old.username(), old.role(), hash, old.created(), clock.instant());
          all.set(i, changed);
          return changed;
        });
  }

  public User setRole(String username, Role role) {
    return file.update(
        all -> {
          int i = require(all, username);
          User old = all.get(i);
          if (old.role() == Role.ADMIN && role != Role.ADMIN && admins(all) == 1) {
            throw new InvalidInputException("role", "the last admin cannot be demoted");
          }
          User changed =
              new User(
                  old.username(), role, old.passwordHash(), old.created(), old.passwordChanged());
          all.set(i, changed);
          return changed;
        });
  }

  /** Removes a user; false when there is none of that name. */
  public boolean remove(String username) {
    return file.update(
        all -> {
          int i = indexOf(all, username);
          if (i < 0) {
            return false;
          }
          if (all.get(i).role() == Role.ADMIN && admins(all) == 1) {
            throw new InvalidInputException("username", "the last admin cannot be removed");
          }
          all.remove(i);
          return true;
        });
  }

  private static InvalidInputException taken(String username) {
    return new InvalidInputException("username", "'" + username + "' is taken");
  }

  private static long admins(List<User> all) {
    return all.stream().filter(u -> u.role() == Role.ADMIN).count();
  }

  private static int indexOf(List<User> all, String username) {
    String k = key(username);
    for (int i = 0; i < all.size(); i++) {
      if (key(all.get(i).username()).equals(k)) {
        return i;
      }
    }
    return -1;
  }

  private static int require(List<User> all, String username) {
    int i = indexOf(all, username);
    if (i < 0) {
      throw new UnknownUserException(username);
    }
    return i;
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
