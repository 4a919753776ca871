package io.mailsec.normalize.ti;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the equality comparisons of a STIX pattern, e.g. {@code [file:hashes.'SHA-256' =
 * 'ec5a...']} or {@code [url:value = 'http://x'] OR [domain-name:value = 'y']}, as observables.
 * Comparisons on object paths this product does not model are skipped.
 */
final class StixPattern {
  private static final Pattern COMPARISON =
      Pattern.compile("([a-z0-9-]+):([A-Za-z0-9_.'\\-]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'");

  private StixPattern() {}

  static List<Observable> observables(String pattern) {
    List<Observable> result = new ArrayList<>();
    Matcher m = COMPARISON.matcher(pattern);
    while (m.find()) {
      String object = m.group(1).toLowerCase(Locale.ROOT);
      String path = m.group(2);
      String value = m.group(3).replaceAll("\\\\(.)", "$1");
      String type = typeOf(object, path);
      if (type != null && !value.isBlank()) {
        result.add(Observable.of(type, value, object + ":" + path));
      }
    }
    return result;
  }

  private static String typeOf(String object, String path) {
    String p = path.toLowerCase(Locale.ROOT).replace("'", "").replace("-", "");
    return switch (object) {
      case "file" ->
          switch (p) {
            case "hashes.sha256" -> "sha256";
            case "hashes.sha1" -> "sha1";
            case "hashes.md5" -> "md5";
            default -> null;
          };
      case "url" -> p.equals("value") ? "url" : null;
      case "domain-name" -> p.equals("value") ? "domain" : null;
      case "ipv4-addr", "ipv6-addr" -> p.equals("value") ? "ip" : null;
      case "email-addr" -> p.equals("value") ? "sender" : null;
      case "email-message" ->
          p.equals("from_ref.value") || p.equals("sender_ref.value") ? "sender" : null;
      default -> null;
    };
  }
}
