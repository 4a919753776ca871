package io.mailsec.normalize.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Email address handling: display names, angle brackets, lists and the null sender. */
public final class Addresses {
  private Addresses() {}

  /** True for the SMTP null sender {@code <>} (bounces and notifications). */
  public static boolean isNullSender(String raw) {
    return raw.strip().equals("<>");
  }

  /**
   * The bare address of {@code "John Doe <john@example.com>"}, {@code <john@example.com>} or {@code
   * john@example.com}; empty when nothing is left.
   */
  public static Optional<String> address(String raw) {
    String s = raw.strip();
    int open = s.lastIndexOf('<');
    int close = s.lastIndexOf('>');
    if (open >= 0 && close > open) {
      s = s.substring(open + 1, close);
    }
    s = s.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /**
   * Addresses from a JSON array or from a string listing them separated by commas or semicolons
   * (separators inside quotes or angle brackets do not split).
   */
  public static List<String> list(JsonNode node) {
    List<String> result = new ArrayList<>();
    if (node == null) {
      return result;
    }
    if (node.isArray()) {
      node.forEach(element -> result.addAll(list(element)));
      return result;
    }
    Values.text(node)
        .ifPresent(text -> splitList(text).forEach(part -> address(part).ifPresent(result::add)));
    return result;
  }

  /** The domain of an address in lower case. */
  public static Optional<String> domain(String address) {
    int at = address.lastIndexOf('@');
    if (at < 0 || at == address.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(address.substring(at + 1).strip().toLowerCase(Locale.ROOT));
  }

  private static List<String> splitList(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    int angle = 0;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '<' && !quoted) {
        angle++;
      } else if (c == '>' && !quoted && angle > 0) {
        angle--;
      }
      if ((c == ',' || c == ';') && !quoted && angle == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
