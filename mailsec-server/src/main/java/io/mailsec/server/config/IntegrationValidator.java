package io.mailsec.server.config;

import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.Region;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an integration before it is saved and returns every problem at once, each phrased so an
 * admin knows what to change (the console shows them beside the form fields; the CLI prints them).
 */
public final class IntegrationValidator {
  /** Mimecast keeps at most 60 days of TTP/audit history reachable by the API. */
  static final Duration MAX_LOOK_BACK = Duration.ofDays(60);

  static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(10);

  /**
   * Mimecast issues API 1.0 application ids as GUIDs (the id shown under Administration › Services
   * › API Applications). A value of another shape is almost always another key pasted into the
   * wrong field, which Mimecast would only answer with {@code err_developer_key}.
   */
  static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  static final int MAX_ID_LENGTH = 200;
  static final String APP_ID_WHERE = "Administration › Services › API Applications";
  static final String CLIENT_ID_WHERE =
      "Administration › Services › API and Platform Integrations › Your application integrations";

  private IntegrationValidator() {}

  /**
   * Problems with {@code candidate}, given the integrations already saved ({@code others} must not
   * contain the candidate's own earlier version). Empty when the integration may be saved.
   */
  public static List<String> problems(
      IntegrationConfig candidate, Collection<IntegrationConfig> others) {
    List<String> problems = new ArrayList<>();
    String name = candidate.name();
    if (name == null || name.isBlank()) {
      problems.add("name: required (1-100 characters)");
    } else {
      if (name.length() > 100) {
        problems.add("name: at most 100 characters (has " + name.length() + ")");
      }
      if (!name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl)) {
        problems.add("name: no leading/trailing spaces or control characters");
      }
      for (IntegrationConfig other : others) {
        if (other.id().equals(candidate.id())) {
          problems.add(
              "name: '"
                  + name
                  + "' is taken by integration '"
                  + other.name()
                  + "' (names are compared without case)");
        }
      }
    }
    if (candidate.apiVersion() == null) {
      problems.add("api: choose 1.0 or 2.0");
    } else if (candidate.apiVersion() == ApiVersion.V1) {
      if (present(candidate.appId())) {
        checkAppId(candidate.appId(), problems);
      } else {
        problems.add("app-id: required for API 1.0 (" + APP_ID_WHERE + ")");
      }
      require(problems, "app-key", candidate.appKey() != null);
      require(problems, "access-key", candidate.accessKey() != null);
      require(problems, "secret-key", candidate.secretKey() != null);
    } else {
      if (present(candidate.clientId())) {
        checkClientId(candidate.clientId(), problems);
      } else {
        problems.add("client-id: required for API 2.0 (" + CLIENT_ID_WHERE + ")");
      }
      require(problems, "client-secret", candidate.clientSecret() != null);
    }
    if (candidate.baseUrl() == null) {
      if (candidate.region() == null) {
        problems.add("region: choose a region or give --base-url");
      } else {
        checkRegion(candidate, problems);
      }
    } else if (candidate.apiVersion() != null) {
      BaseUrlCheck.check(candidate.baseUrl(), candidate.apiVersion(), problems);
    }
    if (candidate.dataTypes().isEmpty()) {
      problems.add("types: choose at least one of " + Choices.ids());
    }
    for (String feed : candidate.feedTypes()) {
      if (!IntegrationConfig.ALL_FEED_TYPES.contains(feed)) {
        problems.add("feed-types: '" + feed + "' is not malware_customer or malware_grid");
      }
    }
    if (candidate.lookBack().isNegative() || candidate.lookBack().compareTo(MAX_LOOK_BACK) > 0) {
      problems.add("look-back: between 0 and 60 days (Mimecast keeps no older data)");
    }
    if (candidate.pollInterval().compareTo(MIN_POLL_INTERVAL) < 0) {
      problems.add("poll-interval: at least 10 seconds (shorter only burns the rate limit)");
    }
    for (String network : candidate.internalNetworks()) {
      if (!isCidr(network)) {
        problems.add("internal-networks: '" + network + "' is not an IP range like 10.0.0.0/8");
      }
    }
    for (String domain : candidate.internalDomains()) {
      if (!domain.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
        problems.add("internal-domains: '" + domain + "' is not a domain name");
      }
    }
    return problems;
  }

  private static void checkRegion(IntegrationConfig candidate, List<String> problems) {
    try {
      Region region = Region.fromId(candidate.region());
      boolean v1 = candidate.apiVersion() == ApiVersion.V1;
      if ((v1 ? region.api1BaseUrl() : region.api2BaseUrl()).isEmpty()) {
        problems.add(
            "region: '"
                + region.id()
                + "' has no API "
                + candidate.apiVersion().label()
                + " host; use one of "
                + Choices.regionsFor(v1));
      }
    } catch (IllegalArgumentException e) {
      problems.add(
          "region: '"
              + candidate.region()
              + "' is not a Mimecast region; "
              + (candidate.apiVersion() == null
                  ? "choose the API version, then one of its regions"
                  : "for API "
                      + candidate.apiVersion().label()
                      + " choose one of "
                      + Choices.regionsFor(candidate.apiVersion() == ApiVersion.V1)));
    }
  }

  /**
   * Messages never repeat the value: an admin who pasted a secret into the id field should not see
   * it echoed into a response, a log or a screenshot.
   */
  private static void checkAppId(String appId, List<String> problems) {
    if (GUID.matcher(appId).matches()) {
      return;
    }
    String shape = describeShape(appId);
    problems.add(
        "app-id: Mimecast application ids are GUIDs such as 8578fcfc-a305-4d9a-99cb-f4d5ecefe297"
            + " ("
            + APP_ID_WHERE
            + "); this value "
            + shape
            + (GUID.matcher(appId.strip()).matches()
                ? ""
                : " — is it the application key or the access key?"));
  }

  /**
   * The reference documents no fixed shape for API 2.0 client ids (they are not GUIDs), so only
   * what cannot be part of any id is refused.
   */
  private static void checkClientId(String clientId, List<String> problems) {
    if (clientId.length() > MAX_ID_LENGTH
        || clientId.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      problems.add(
          "client-id: "
              + describeShape(clientId)
              + "; paste only the Client ID ("
              + CLIENT_ID_WHERE
              + ")");
    }
  }

  private static String describeShape(String value) {
    if (!value.equals(value.strip())) {
      return "has spaces or line breaks around it";
    }
    if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      return "contains spaces or line breaks";
    }
    if (value.length() > MAX_ID_LENGTH) {
      return "is " + value.length() + " characters long";
    }
    return "is not a GUID (" + value.length() + " characters, expected 36 as 8-4-4-4-12 hex)";
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static void require(List<String> problems, String field, boolean present) {
    if (!present) {
      problems.add(field + ": required for this API version");
    }
  }

  static boolean isCidr(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    if (!address.matches("[0-9a-fA-F:.]+") || !(address.contains(".") || address.contains(":"))) {
      return false;
    }
    try {
      int bits = InetAddress.getByName(address).getAddress().length * 8;
      if (slash < 0) {
        return true;
      }
      int prefix = Integer.parseInt(text.substring(slash + 1));
      return prefix >= 0 && prefix <= bits;
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }

  /** Names for messages. */
  static final class Choices {
    private Choices() {}

    static String ids() {
      List<String> ids = new ArrayList<>();
      for (DataType type : DataType.values()) {
        ids.add(type.id());
      }
      return String.join(", ", ids);
    }

    /** {@code eu (https://eu-api.mimecast.com), ...}: the regions of a version with their hosts. */
    static String hostsFor(boolean v1) {
      List<String> out = new ArrayList<>();
      for (Region region : Region.values()) {
        (v1 ? region.api1BaseUrl() : region.api2BaseUrl())
            .ifPresent(url -> out.add(region.id() + " (" + url + ")"));
      }
      return String.join(", ", out);
    }

    static String regionsFor(boolean v1) {
      List<String> ids = new ArrayList<>();
      for (Region region : Region.values()) {
        if ((v1 ? region.api1BaseUrl() : region.api2BaseUrl()).isPresent()) {
          ids.add(region.id());
        }
      }
      return String.join(", ", ids);
    }
  }
}
