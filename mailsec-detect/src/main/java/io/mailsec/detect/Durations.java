package io.mailsec.detect;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in rule and config files: a number and a unit, e.g. {@code 15m}, {@code 7d}.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smhdw])");

  private Durations() {}

  /**
   * @param what names the setting in the error message
   * @throws IllegalArgumentException for anything else than {@code <n>s|m|h|d|w}
   */
  public static Duration parse(String text, String what) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          what + " must be a number and a unit s, m, h, d or w (e.g. 15m), not '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** The shortest text {@link #parse} reads back to the same duration (whole seconds). */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s % 604800 == 0 && s > 0) {
      return s / 604800 + "w";
    }
    if (s % 86400 == 0 && s > 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0 && s > 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
