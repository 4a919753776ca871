package io.mailsec.core.ql;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Reads the absolute times the query language accepts; all without a zone are UTC. */
final class Times {
  private Times() {}

  /**
   * Reads {@code 2024-05-01T10:00:00Z}, {@code 2024-05-01T12:00:00+02:00}, {@code
   * 2024-05-01T10:00:00} (UTC) or {@code 2024-05-01} (midnight UTC); fractions of a second allowed.
   */
  static Optional<Instant> parseInstant(String text) {
    String t = text.trim();
    try {
      return Optional.of(Instant.parse(t));
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
