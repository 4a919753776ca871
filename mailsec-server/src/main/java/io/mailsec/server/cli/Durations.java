package io.mailsec.server.cli;

import java.time.Duration;
import java.util.Locale;

/** Human durations on the command line: {@code 90s}, {@code 5m}, {@code 12h}, {@code 7d}. */
final class Durations {
  private Durations() {}

  static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.matches("\\d+[smhd]")) {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a duration; use a number with s, m, h or d, e.g. 30s, 5m, 7d");
  }

  /** Compact form: {@code 7d}, {@code 90s} -> {@code 1m30s}, {@code 3h12m5s}. */
  static String format(Duration d) {
    long s = Math.abs(d.toSeconds());
    StringBuilder out = new StringBuilder(d.isNegative() ? "-" : "");
    long[] sizes = {86400, 3600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (s >= sizes[i]) {
        out.append(s / sizes[i]).append(units[i]);
        s %= sizes[i];
      }
    }
    return out.length() == 0 || out.toString().equals("-") ? "0s" : out.toString();
  }
}
