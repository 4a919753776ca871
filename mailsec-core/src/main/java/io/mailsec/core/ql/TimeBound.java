package io.mailsec.core.ql;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of an {@code EARLIEST=} or {@code LATEST=} directive: either relative to the time the
 * query runs ({@code -24h}, {@code now}) or an absolute instant.
 *
 * @param relative {@code now} or a signed amount with a unit of s, m, h, d or w ({@code -24h},
 *     lower case); null when absolute
 * @param absolute the instant; null when relative
 * @param position char offset of the directive in the query text, for error messages (0 for queries
 *     built in code)
 */
public record TimeBound(String relative, Instant absolute, int position) {
  private static final Pattern RELATIVE = Pattern.compile("([+-])(\\d{1,9})([smhdw])");

  public TimeBound {
    if ((relative == null) == (absolute == null)) {
      throw new IllegalArgumentException("a time bound is either relative or absolute");
    }
    if (relative != null) {
      relative = relative.toLowerCase(Locale.ROOT);
      if (!relative.equals("now") && !RELATIVE.matcher(relative).matches()) {
        throw new IllegalArgumentException(
            "relative time must be now or like -24h (units s, m, h, d, w): " + relative);
      }
    }
  }

  public static TimeBound relative(String text) {
    return new TimeBound(text, null, 0);
  }

  public static TimeBound absolute(Instant instant) {
    return new TimeBound(null, Objects.requireNonNull(instant), 0);
  }

  /** The instant this bound means when the query runs at {@code now}. */
  public Instant resolve(Instant now) {
    if (absolute != null) {
      return absolute;
    }
    if (relative.equals("now")) {
      return now;
    }
    Matcher m = RELATIVE.matcher(relative);
    if (!m.matches()) {
      throw new IllegalStateException("checked in the constructor");
    }
    long amount = Long.parseLong(m.group(2));
    Duration unit =
        switch (m.group(3)) {
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          case "h" -> Duration.ofHours(1);
          case "d" -> Duration.ofDays(1);
          default -> Duration.ofDays(7);
        };
    Duration offset = unit.multipliedBy(amount);
    return m.group(1).equals("-") ? now.minus(offset) : now.plus(offset);
  }

  /** The bound as the query language writes it: {@code -24h}, {@code now} or a quoted instant. */
  @Override
  public String toString() {
    return absolute != null ? QueryPrinter.literal(absolute) : relative;
  }
}
