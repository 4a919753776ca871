package io.mailsec.server.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.server.secrets.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One named connection to a Mimecast account and the data to collect from it. Credentials are held
 * as {@link SecretRef}s only, so this record can be stored and printed without exposing a secret.
 *
 * <p>{@code tenant} groups integrations of one customer (an MSSP runs several); it becomes the
 * events' {@code tenant_id}.
 *
 * <p>API 1.0 integrations use {@code appId}, {@code appKey}, {@code accessKey} and {@code
 * secretKey}; API 2.0 integrations use {@code clientId} and {@code clientSecret}. The host comes
 * from {@code baseUrl} when set, otherwise from {@code region}. The access key is kept as a secret
 * too: together with the secret key it is a user's binding, and files written before it was (plain
 * text) are migrated by {@link IntegrationRepository}.
 */
public record IntegrationConfig(
    String name,
    String description,
    String tenant,
    ApiVersion apiVersion,
    String region,
    URI baseUrl,
    String appId,
    SecretRef appKey,
    SecretRef accessKey,
    SecretRef secretKey,
    String clientId,
    SecretRef clientSecret,
    Set<DataType> dataTypes,
    Set<String> feedTypes,
    Duration lookBack,
    Duration pollInterval,
    List<String> internalDomains,
    List<String> internalNetworks,
    boolean enabled,
    Instant createdAt) {

  /** The tenant of integrations that do not name one (single-tenant installations). */
  public static final String DEFAULT_TENANT = "default";

  public static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(7);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);
  public static final Set<String> ALL_FEED_TYPES = Set.of("malware_customer", "malware_grid");

  public IntegrationConfig {
    description = description == null ? "" : description;
    tenant = tenant == null || tenant.isBlank() ? DEFAULT_TENANT : tenant;
    dataTypes = dataTypes == null ? Set.of() : Set.copyOf(dataTypes);
    feedTypes = feedTypes == null || feedTypes.isEmpty() ? ALL_FEED_TYPES : Set.copyOf(feedTypes);
    lookBack = lookBack == null ? DEFAULT_LOOK_BACK : lookBack;
    pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
    internalDomains = internalDomains == null ? List.of() : List.copyOf(internalDomains);
    internalNetworks = internalNetworks == null ? List.of() : List.copyOf(internalNetworks);
  }

  /** The integration id: the lower-cased name, e.g. {@code Mimecast2.0Demo -> mimecast2.0demo}. */
  @JsonIgnore
  public String id() {
    return idOf(name);
  }

  public static String idOf(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  public IntegrationConfig withEnabled(boolean on) {
    return new IntegrationConfig(
        name,
        description,
        tenant,
        apiVersion,
        region,
        baseUrl,
        appId,
        appKey,
        accessKey,
        secretKey,
        clientId,
        clientSecret,
        dataTypes,
        feedTypes,
        lookBack,
        pollInterval,
        internalDomains,
        internalNetworks,
        on,
        createdAt);
  }
}
