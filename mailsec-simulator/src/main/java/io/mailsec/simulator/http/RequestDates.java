package io.mailsec.simulator.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the date strings clients send. ISO instants are accepted with {@code +0000}, {@code
 * +00:00} or {@code Z} and optional fractions (mimecast-api.md §7.3 says 2.0 accepts several
 * variants and a simulator should too); the 1.0 {@code x-mc-date} header is RFC 1123-like with a
 * literal {@code UTC} or {@code GMT}.
 */
final class RequestDates {
  private RequestDates() {}

  private static final DateTimeFormatter ISO_WITH_ANY_OFFSET =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter HEADER_DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM uuuu HH:mm:ss", Locale.ENGLISH);

  /**
   * An instant from an ISO-8601 string (offset optional, UTC assumed) or a date ({@code
   * yyyy-MM-dd}).
   */
  static Optional<Instant> parseInstant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.trim();
    try {
      var parsed = ISO_WITH_ANY_OFFSET.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime offset) {
        return Optional.of(offset.toInstant());
      }
      return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return parseDay(value).map(day -> day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
  }

  /** A calendar day from {@code yyyy-MM-dd}, or the date part of an ISO timestamp. */
  static Optional<LocalDate> parseDay(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.trim();
    try {
      return Optional.of(LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code Tue, 24 Nov 2015 12:50:11 UTC} (or {@code GMT}). */
  static Optional<Instant> parseHeaderDate(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = text.trim();
    if (!(value.endsWith(" UTC") || value.endsWith(" GMT"))) {
      return Optional.empty();
    }
    try {
      LocalDateTime local =
          LocalDateTime.parse(value.substring(0, value.length() - 4), HEADER_DATE);
      return Optional.of(local.toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
