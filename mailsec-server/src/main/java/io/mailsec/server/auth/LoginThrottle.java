package io.mailsec.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: after {@link #perUser} failed log-ins for one user name, or {@link
 * #perAddress} from one client address, within {@link #window}, further attempts are refused
 * without checking the password until the oldest failure leaves the window. A successful log-in
 * clears the user name's failures (not the address's). Counting both stops a guesser who rotates
 * user names as well as one who rotates addresses. Thread-safe; memory is bounded.
 */
public final class LoginThrottle {
  public static final int DEFAULT_PER_USER = 5;
  public static final int DEFAULT_PER_ADDRESS = 20;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
  static final int MAX_KEYS = 100_000;

  private final Clock clock;
  private final int perUser;
  private final int perAddress;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  public LoginThrottle(Clock clock, int perUser, int perAddress, Duration window) {
    this.clock = clock;
    this.perUser = perUser;
    this.perAddress = perAddress;
    this.window = window;
  }

  public LoginThrottle(Clock clock) {
    this(clock, DEFAULT_PER_USER, DEFAULT_PER_ADDRESS, DEFAULT_WINDOW);
  }

  /** How long the caller must wait before trying again, or empty when an attempt is allowed. */
  public synchronized Optional<Duration> blockedFor(String username, String address) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    wait = max(wait, waitFor(userKey(username), perUser, now));
    wait = max(wait, waitFor(addressKey(address), perAddress, now));
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  public synchronized void recordFailure(String username, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_KEYS) {
      failures.values().removeIf(d -> prune(d, now).isEmpty());
      if (failures.size() >= MAX_KEYS) {
        failures.clear(); // only under a flood of distinct names; throttling restarts
      }
    }
    failures.computeIfAbsent(userKey(username), k -> new ArrayDeque<>()).addLast(now);
    failures.computeIfAbsent(addressKey(address), k -> new ArrayDeque<>()).addLast(now);
  }

  public synchronized void recordSuccess(String username) {
    failures.remove(userKey(username));
  }

  private Duration waitFor(String key, int limit, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null || prune(times, now).size() < limit) {
      return Duration.ZERO;
    }
    // The attempt is allowed again when enough failures have left the window.
    Instant[] sorted = times.toArray(new Instant[0]);
    Instant freedAt = sorted[sorted.length - limit].plus(window);
    Duration wait = Duration.between(now, freedAt);
    return wait.isNegative() || wait.isZero() ? Duration.ZERO : wait;
  }

  private Deque<Instant> prune(Deque<Instant> times, Instant now) {
    Instant cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
    return times;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String userKey(String username) {
    return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + (address == null ? "" : address);
  }
}
