package io.mailsec.normalize.audit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code Key: Value} details out of an audit {@code eventInfo} text such as {@code
 * Successful authentication for john@example.com <John Doe>, Date: 2021-10-11, Time: 18:17:30 BST,
 * IP: 67.43.156.15, Application: Administration Console, Method: Two Step Auth, 2FA: TOTP}.
 */
final class EventInfo {
  /** A detail starts after a comma with a short label and a colon; values run to the next one. */
  private static final Pattern DETAIL =
      Pattern.compile(
          "(?:^|,\\s*)([A-Za-z0-9][A-Za-z0-9 ]{0,29}):\\s*(.*?)(?=,\\s*[A-Za-z0-9][A-Za-z0-9 ]{0,29}:\\s|$)");

  private EventInfo() {}

  /** Details keyed by lower-case label ({@code ip}, {@code application}, {@code 2fa}, ...). */
  static Map<String, String> details(String eventInfo) {
    Map<String, String> details = new LinkedHashMap<>();
    Matcher m = DETAIL.matcher(eventInfo.strip());
    while (m.find()) {
      String value = m.group(2).strip();
      if (!value.isEmpty()) {
        details.putIfAbsent(m.group(1).strip().toLowerCase(Locale.ROOT), value);
      }
    }
    return details;
  }
}
