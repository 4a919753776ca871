package io.mailsec.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, in memory (a restart logs everyone out). A session ends after {@link
 * #idleTimeout()} without a request, after {@link #absoluteTimeout()} in any case, at logout, and
 * when its user is removed or changes password. Sessions are kept by the SHA-256 of their id, so
 * the map holds nothing a request could present. Each session has its own CSRF token. Thread-safe.
 */
public final class SessionManager {
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
  public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(12);

  /** Caps memory if someone logs in in a loop; the oldest sessions go first. */
  static final int MAX_SESSIONS = 10_000;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final UserStore users;
  private final Clock clock;
  private final Duration idle;
  private final Duration absolute;

  public SessionManager(UserStore users, Clock clock, Duration idle, Duration absolute) {
    this.users = users;
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
  }

  public SessionManager(UserStore users) {
    this(users, Clock.systemUTC(), DEFAULT_IDLE, DEFAULT_ABSOLUTE);
  }

  public Duration idleTimeout() {
    return idle;
  }

  public Duration absoluteTimeout() {
    return absolute;
  }

  /** Starts a session for a user who just proved their password. */
  public NewSession create(User user) {
    purgeExpired();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().stream()
          .min((a, b) -> a.created.compareTo(b.created))
          .ifPresent(oldest -> sessions.remove(oldest.key));
    }
    String id = Tokens.random(32);
    Instant now = clock.instant();
    Session session =
        new Session(
            Tokens.fingerprint(id),
            user.username(),
            Tokens.random(32),
            now,
            user.passwordChanged());
    session.lastSeen = now;
    sessions.put(session.key, session);
    return new NewSession(id, session);
  }

  /** The principal of a live session, refreshing its idle timer; empty when none or expired. */
  public Optional<Principal> resolve(String sessionId) {
    if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 200) {
      return Optional.empty();
    }
    Session session = sessions.get(Tokens.fingerprint(sessionId));
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(session, now)) {
      sessions.remove(session.key);
      return Optional.empty();
    }
    Optional<User> user = users.find(session.username);
    if (user.isEmpty() || !user.get().passwordChanged().equals(session.passwordChanged)) {
      sessions.remove(session.key);
      return Optional.empty();
    }
    session.lastSeen = now;
    return Optional.of(new Principal(user.get().username(), user.get().role(), session, null));
  }

  /** Ends a session (logout); unknown ids are ignored. */
  public void invalidate(Session session) {
    sessions.remove(session.key);
  }

  /** Ends every session of a user (removed, or password reset by an admin). */
  public void invalidateUser(String username) {
    sessions.values().removeIf(s -> s.username.equalsIgnoreCase(username));
  }

  public int count() {
    purgeExpired();
    return sessions.size();
  }

  private void purgeExpired() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now));
  }

  private boolean expired(Session s, Instant now) {
    return !now.isBefore(s.lastSeen.plus(idle)) || !now.isBefore(s.created.plus(absolute));
  }

  /** The cookie value of a new session (shown to the client once) and the session. */
  public record NewSession(String id, Session session) {
    @Override
    public String toString() {
      return "NewSession[" + session.username + "]";
    }
  }

  /** A live session. The CSRF token must accompany its state-changing requests. */
  public static final class Session {
    private final String key;
    private final String username;
    private final String csrfToken;
    private final Instant created;
    private final Instant passwordChanged;
    private volatile Instant lastSeen;

    Session(
        String key, String username, String csrfToken, Instant created, Instant passwordChanged) {
      this.key = key;
      this.username = username;
      this.csrfToken = csrfToken;
      this.created = created;
      this.passwordChanged = passwordChanged;
    }

    public String username() {
      return username;
    }

    public String csrfToken() {
      return csrfToken;
    }

    /** Whether {@code presented} is this session's CSRF token (constant-time). */
    public boolean csrfMatches(String presented) {
      return Tokens.sameText(csrfToken, presented);
    }

    public Instant created() {
      return created;
    }

    @Override
    public String toString() {
      return "Session[" + username + "]";
    }
  }
}
