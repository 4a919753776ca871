package io.mailsec.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human durations, the one reader and writer for the CLI, the REST API, config and rule files.
 *
 * <p>Read: a number of up to 9 digits and a unit {@code s}, {@code m}, {@code h}, {@code d} or
 * {@code w} ({@code 90s}, {@code 15m}, {@code 7d}, {@code 2w}; case-insensitive, surrounding blanks
 * ignored), or ISO-8601 ({@code PT5M}, {@code P1D}). Written: {@link #format} for values a person
 * or program reads back, {@link #describe} for display only.
 */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhdw])");
  private static final int ISO_MAX_LENGTH = 40;
  private static final long MINUTE = 60;
  private static final long HOUR = 3_600;
  private static final long DAY = 86_400;

  private Durations() {}

  /**
   * Reads a duration.
   *
   * @param what names the setting or option in the error message, e.g. {@code --look-back}
   * @throws IllegalArgumentException with one line that shows the text, names {@code what} and
   *     gives examples, when {@code text} is neither form
   */
  public static Duration parse(String text, String what) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    }
    if (t.startsWith("p") && t.length() < ISO_MAX_LENGTH) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        // falls through to the one error message below
      }
    }
    throw new IllegalArgumentException(
        "'"
            + shown(text)
            + "' is not a duration for "
            + what
            + "; use a number and a unit s, m, h, d or w (e.g. 30s, 15m, 7d) or ISO-8601 (e.g."
            + " PT5M)");
  }

  /** The refused text as one short line: control characters replaced, long text cut. */
  private static String shown(String text) {
    String t = text == null ? "" : text.strip().replaceAll("\\p{Cntrl}", "?");
    return t.length() > ISO_MAX_LENGTH ? t.substring(0, ISO_MAX_LENGTH) + "..." : t;
  }

  /**
   * The shortest exact single-unit text that {@link #parse} reads back to the same duration: {@code
   * 90s}, {@code 5m}, {@code 12h}, {@code 14d}. Weeks are read but never written, because clients
   * of the REST API (the console's integration form) understand s, m, h and d only; days are the
   * largest unit used. Parts below a second are dropped; a negative duration gets a leading {@code
   * -} (which {@link #parse} does not accept: such values are only shown).
   */
  public static String format(Duration d) {
    long s = Math.abs(d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0));
    String sign = d.isNegative() && s > 0 ? "-" : "";
    if (s == 0) {
      return "0s";
    }
    if (s % DAY == 0) {
      return sign + s / DAY + "d";
    }
    if (s % HOUR == 0) {
      return sign + s / HOUR + "h";
    }
    if (s % MINUTE == 0) {
      return sign + s / MINUTE + "m";
    }
    return sign + s + "s";
  }

  /**
   * The compound form for people, to the second: {@code 7d}, {@code 1m30s}, {@code 3h12m5s}, {@code
   * 0s}; never empty. For display (lags, limits in messages); {@link #parse} does not read it back
   * when it has more than one unit.
   */
  public static String describe(Duration d) {
    long s = Math.abs(d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0));
    StringBuilder out = new StringBuilder(d.isNegative() && s > 0 ? "-" : "");
    long[] sizes = {DAY, HOUR, MINUTE, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (s >= sizes[i]) {
        out.append(s / sizes[i]).append(units[i]);
        s %= sizes[i];
      }
    }
    return out.length() == 0 ? "0s" : out.toString();
  }
}
