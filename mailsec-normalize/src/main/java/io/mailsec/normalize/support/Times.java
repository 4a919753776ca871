package io.mailsec.normalize.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient timestamp parsing for every format Mimecast uses: epoch milliseconds (number or string),
 * ISO-8601 with {@code Z}, {@code +0000}, {@code +00:00}, {@code +01} or any other offset, with or
 * without a fraction of a second, {@code T} or a space between date and time, and a date alone. A
 * time without any offset is taken as UTC. Never consults the JVM's default zone.
 */
public final class Times {
  /** Epoch values at or above this are milliseconds, below it seconds (year 5138 in seconds). */
  private static final double MILLIS_THRESHOLD = 1e11;

  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})"
              + "(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2}))?(?:[.,](\\d{1,9}))?)?"
              + "\\s*(Z|z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final Pattern EPOCH = Pattern.compile("-?\\d{1,15}(\\.\\d+)?");

  private Times() {}

  /** The instant of a JSON value, or empty when it is absent or not a recognised time. */
  public static Optional<Instant> parse(JsonNode node) {
    if (node != null && node.isNumber()) {
      return fromEpoch(node.asDouble());
    }
    return Values.text(node).flatMap(Times::parse);
  }

  public static Optional<Instant> parse(String text) {
    String t = text.strip();
    if (EPOCH.matcher(t).matches()) {
      return fromEpoch(Double.parseDouble(t));
    }
    Matcher m = ISO.matcher(t);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
              m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
              m.group(7) == null ? 0 : nanos(m.group(7)));
      return Optional.of(local.toInstant(offset(m.group(8))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> fromEpoch(double value) {
    if (!Double.isFinite(value)) {
      return Optional.empty();
    }
    long millis = Math.abs(value) >= MILLIS_THRESHOLD ? (long) value : Math.round(value * 1000.0);
    return Optional.of(Instant.ofEpochMilli(millis));
  }

  private static int nanos(String fraction) {
    StringBuilder digits = new StringBuilder(fraction);
    while (digits.length() < 9) {
      digits.append('0');
    }
    return Integer.parseInt(digits.toString());
  }

  private static ZoneOffset offset(String text) {
    if (text == null || text.equalsIgnoreCase("Z") || text.equals("UTC") || text.equals("GMT")) {
      return ZoneOffset.UTC;
    }
    int sign = text.charAt(0) == '-' ? -1 : 1;
    String digits = text.substring(1).replace(":", "");
    int hours = Integer.parseInt(digits.substring(0, 2));
    int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }
}
