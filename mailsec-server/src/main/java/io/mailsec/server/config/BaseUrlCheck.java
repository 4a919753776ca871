package io.mailsec.server.config;

import io.mailsec.mimecast.client.Region;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks an explicit base URL. Any HTTPS host is allowed (proxies, simulators), but a host in
 * Mimecast's own domains must be one of the documented API hosts of the integration's API version:
 * the hosts differ between 1.0 and 2.0, and a near miss would only fail later as an unreachable or
 * "incorrect region" error. Plain HTTP is accepted only for this machine (a local simulator), since
 * it would carry the credentials in clear.
 */
final class BaseUrlCheck {
  private static final List<String> MIMECAST_DOMAINS =
      List.of("mimecast.com", "mimecast-pscom-us.com");

  private BaseUrlCheck() {}

  static void check(URI url, ApiVersion api, List<String> problems) {
    boolean v1 = api == ApiVersion.V1;
    String example = v1 ? "https://eu-api.mimecast.com" : "https://api.services.mimecast.com";
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    if (host.isEmpty() || !List.of("http", "https").contains(scheme)) {
      problems.add("base-url: must be a full address such as " + example);
      return;
    }
    if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
      problems.add(
          "base-url: give only scheme, host and port, such as "
              + example
              + " (no user name, query or #fragment)");
      return;
    }
    if (scheme.equals("http") && !isLoopback(host)) {
      problems.add(
          "base-url: must start with https:// (http:// only for a simulator on this machine,"
              + " since it would send the credentials in clear)");
      return;
    }
    if (isMimecastHost(host)) {
      checkMimecastHost(url, host, v1, problems);
    }
  }

  private static void checkMimecastHost(URI url, String host, boolean v1, List<String> problems) {
    String label = v1 ? "1.0" : "2.0";
    String hosts = IntegrationValidator.Choices.hostsFor(v1);
    Optional<Region> own = findRegion(host, v1);
    if (own.isPresent()) {
      if (!url.getScheme().equalsIgnoreCase("https")) {
        problems.add("base-url: Mimecast answers only on https://" + host);
      } else if (url.getPort() != -1 && url.getPort() != 443) {
        problems.add(
            "base-url: Mimecast answers on the standard port; leave out :" + url.getPort());
      }
      return;
    }
    if (v1 && host.equals(Region.API1_DISCOVERY_URL.getHost())) {
      problems.add(
          "base-url: "
              + host
              + " only finds an account's region (discover-authentication); API 1.0 data calls"
              + " need the regional host, so choose a region instead: "
              + hosts);
      return;
    }
    Optional<Region> other = findRegion(host, !v1);
    if (other.isPresent()) {
      problems.add(
          "base-url: "
              + host
              + " is an API "
              + (v1 ? "2.0" : "1.0")
              + " host, but this integration uses API "
              + label
              + "; choose a region instead: "
              + hosts);
      return;
    }
    problems.add(
        "base-url: "
            + host
            + " is not a Mimecast API "
            + label
            + " host; choose a region instead: "
            + hosts);
  }

  private static Optional<Region> findRegion(String host, boolean v1) {
    for (Region region : Region.values()) {
      Optional<URI> url = v1 ? region.api1BaseUrl() : region.api2BaseUrl();
      if (url.isPresent() && url.get().getHost().equals(host)) {
        return Optional.of(region);
      }
    }
    return Optional.empty();
  }

  private static boolean isMimecastHost(String host) {
    for (String domain : MIMECAST_DOMAINS) {
      if (host.equals(domain) || host.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  /** Loopback by name or literal address; never resolves a name through DNS. */
  static boolean isLoopback(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    String literal =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9a-fA-F:.]+") || !(literal.contains(".") || literal.contains(":"))) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
