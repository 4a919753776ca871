package io.mailsec.mimecast.client;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Mimecast hosting regions and their base URLs. API 1.0 uses regional {@code *-api.mimecast.com}
 * hosts; API 2.0 uses the global gateway or one of the pinned UK/US instances. A region may offer
 * one version only (e.g. {@link #EU} is 1.0 only, {@link #UK} is 2.0 only).
 *
 * <p>{@link #GLOBAL} on 1.0 is {@code https://api.mimecast.com}, which only answers
 * discover-authentication; data calls must go to the regional host it returns.
 */
public enum Region {
  GLOBAL(null, "https://api.services.mimecast.com"),
  EU("https://eu-api.mimecast.com", null),
  DE("https://de-api.mimecast.com", null),
  US("https://us-api.mimecast.com", "https://us-api.services.mimecast.com"),
  USB("https://usb-api.mimecast.com", null),
  USPCOM("https://uspcom-api.mimecast-pscom-us.com", null),
  CA("https://ca-api.mimecast.com", null),
  ZA("https://za-api.mimecast.com", null),
  AU("https://au-api.mimecast.com", null),
  JE("https://je-api.mimecast.com", null),
  UK(null, "https://uk-api.services.mimecast.com");

  /** The API 1.0 host that answers discover-authentication for every region. */
  public static final URI API1_DISCOVERY_URL = URI.create("https://api.mimecast.com");

  private final URI api1BaseUrl;
  private final URI api2BaseUrl;

  Region(String api1BaseUrl, String api2BaseUrl) {
    this.api1BaseUrl = api1BaseUrl == null ? null : URI.create(api1BaseUrl);
    this.api2BaseUrl = api2BaseUrl == null ? null : URI.create(api2BaseUrl);
  }

  /** The API 1.0 data host of this region, if the region has one. */
  public Optional<URI> api1BaseUrl() {
    return Optional.ofNullable(api1BaseUrl);
  }

  /** The API 2.0 gateway of this region, if the region has one. */
  public Optional<URI> api2BaseUrl() {
    return Optional.ofNullable(api2BaseUrl);
  }

  /** The base URL for the API version the credentials belong to. */
  public URI baseUrlFor(ApiCredentials credentials) {
    boolean api1 = credentials instanceof Api1Credentials;
    Optional<URI> url = api1 ? api1BaseUrl() : api2BaseUrl();
    return url.orElseThrow(
        () ->
            new IllegalArgumentException(
                "Region "
                    + name()
                    + " has no API "
                    + (api1 ? "1.0" : "2.0")
                    + " host; regions with one: "
                    + Arrays.stream(values())
                        .filter(r -> (api1 ? r.api1BaseUrl : r.api2BaseUrl) != null)
                        .map(Region::id)
                        .collect(Collectors.joining(", "))));
  }

  /** The lower-case name used in configuration, e.g. {@code eu}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a region name case-insensitively ({@code eu}, {@code US}, {@code global}). */
  public static Region fromId(String id) {
    String wanted = id.trim().toUpperCase(Locale.ROOT);
    for (Region region : values()) {
      if (region.name().equals(wanted)) {
        return region;
      }
    }
    throw new IllegalArgumentException(
        "Unknown Mimecast region '"
            + id
            + "'; known: "
            + Arrays.stream(values()).map(Region::id).collect(Collectors.joining(", ")));
  }
}
