package io.mailsec.mimecast.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The date formats Mimecast expects, always rendered in UTC whatever the JVM's default zone and
 * locale are (English day and month names).
 */
final class ApiDates {
  /** {@code x-mc-date}, e.g. {@code Tue, 24 Nov 2015 12:50:11 UTC}. */
  private static final DateTimeFormatter HEADER =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** {@code /api/...} bodies: colon-less offset, e.g. {@code 2021-01-01T00:00:00+0000}. */
  private static final DateTimeFormatter API =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** SIEM 2.0 stream window, e.g. {@code 2025-01-01T12:30:45.000Z}. */
  private static final DateTimeFormatter STREAM =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private ApiDates() {}

  static String header(Instant instant) {
    return HEADER.format(instant);
  }

  static String api(Instant instant) {
    return API.format(instant);
  }

  static String stream(Instant instant) {
    return STREAM.format(instant);
  }

  static String day(LocalDate date) {
    return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
  }
}
