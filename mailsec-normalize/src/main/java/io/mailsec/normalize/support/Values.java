package io.mailsec.normalize.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * Lenient conversion of JSON values: Mimecast sends numbers and booleans as strings in API 2.0 and
 * as typed values in 1.0 JSON, and everything as text in key_value files.
 */
public final class Values {
  private Values() {}

  /** Trimmed text of a scalar; empty for null, missing, blank or structured values. */
  public static Optional<String> text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
      return Optional.empty();
    }
    String text = node.asText().strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** A whole number from a number or numeric string ({@code "31363"}, {@code "12.0"}). */
  public static Optional<Long> toLong(JsonNode node) {
    if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
      return Optional.of(node.asLong());
    }
    if (node != null && node.isNumber()) {
      return wholeNumber(node.asDouble());
    }
    return text(node).flatMap(Values::parseLong);
  }

  public static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      try {
        return wholeNumber(Double.parseDouble(text.strip()));
      } catch (NumberFormatException notANumber) {
        return Optional.empty();
      }
    }
  }

  /** A boolean from a JSON boolean or {@code true/false/yes/no/y/n/1/0} in any case. */
  public static Optional<Boolean> toBoolean(JsonNode node) {
    if (node != null && node.isBoolean()) {
      return Optional.of(node.asBoolean());
    }
    return text(node).flatMap(Values::parseBoolean);
  }

  public static Optional<Boolean> parseBoolean(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> Optional.of(true);
      case "false", "no", "n", "0" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** Lower snake_case of a label: {@code "User Logged On"} becomes {@code user_logged_on}. */
  public static String snakeCase(String label) {
    String s = label.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return s.replaceAll("^_+|_+$", "");
  }

  private static Optional<Long> wholeNumber(double d) {
    if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
      return Optional.of((long) d);
    }
    return Optional.empty();
  }
}
