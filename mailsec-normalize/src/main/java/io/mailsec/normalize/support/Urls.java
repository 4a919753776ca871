package io.mailsec.normalize.support;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits URLs into scheme, host, path and query without {@link java.net.URI}, which rejects the
 * unencoded characters that logged URLs often contain.
 */
public final class Urls {
  private static final Pattern URL =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#.*)?");

  private Urls() {}

  /**
   * @param scheme lower case
   * @param host lower case, without user info, port or IPv6 brackets; may be empty
   * @param path may be empty
   * @param query without the {@code ?}; null when there is none
   */
  public record Parts(String scheme, String host, String path, String query) {}

  public static Optional<Parts> parse(String url) {
    Matcher m = URL.matcher(url.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String authority = m.group(2);
    int at = authority.lastIndexOf('@');
    String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
    String host;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      host = close > 0 ? hostPort.substring(1, close) : hostPort.substring(1);
    } else {
      int colon = hostPort.indexOf(':');
      host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
    }
    return Optional.of(
        new Parts(
            m.group(1).toLowerCase(Locale.ROOT),
            host.toLowerCase(Locale.ROOT),
            m.group(3),
            m.group(4)));
  }
}
