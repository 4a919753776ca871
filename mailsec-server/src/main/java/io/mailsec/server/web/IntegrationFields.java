package io.mailsec.server.web;

import io.mailsec.core.Durations;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.server.config.ApiVersion;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.server.config.IntegrationRepository;
import io.mailsec.server.secrets.SecretRef;
import io.mailsec.server.secrets.SecretVault;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Integrations as the API sees them: the request body ({@link Request}), its conversion to an
 * {@link IntegrationConfig} and the field names of validation problems.
 *
 * <p>Secrets ({@code appKey}, {@code accessKey}, {@code secretKey}, {@code clientSecret}) are
 * write-only: a value in a request is stored encrypted with the data directory's vault, exactly
 * like a literal typed into the CLI; an omitted (null) value keeps the stored one. The API accepts
 * no {@code env:} or {@code file:} references: they would let an API caller make the server read
 * its own environment or files and send them to a host of the caller's choosing.
 */
final class IntegrationFields {
  private IntegrationFields() {}

  /** The JSON body of create, update, validate and test. Every member is optional here. */
  record Request(
      String name,
      String description,
      String tenant,
      String api,
      String region,
      String baseUrl,
      String appId,
      String appKey,
      String accessKey,
      String secretKey,
      String clientId,
      String clientSecret,
      List<String> dataTypes,
      List<String> feedTypes,
      String lookBack,
      String pollInterval,
      List<String> internalDomains,
      List<String> internalNetworks,
      Boolean enabled) {
    @Override
    public String toString() {
      return "IntegrationRequest[" + name + "]"; // never the secrets
    }
  }

  /**
   * Builds the configuration a request describes, on top of {@code existing} (null for a new one):
   * members the request leaves out keep their existing values. Throws {@link ApiException} with
   * field messages for values that cannot even be parsed; the caller then runs the validator.
   */
  static IntegrationConfig toConfig(
      Request r, IntegrationConfig existing, SecretVault vault, Instant now) {
    Map<String, String> problems = new LinkedHashMap<>();
    noNulls(r.dataTypes(), "dataTypes", problems);
    noNulls(r.feedTypes(), "feedTypes", problems);
    noNulls(r.internalDomains(), "internalDomains", problems);
    noNulls(r.internalNetworks(), "internalNetworks", problems);
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    IntegrationConfig base = existing;
    ApiVersion api = base == null ? null : base.apiVersion();
    if (r.api() != null) {
      try {
        api = ApiVersion.parse(r.api());
      } catch (IllegalArgumentException e) {
        problems.put("api", "choose 1.0 or 2.0");
      }
    }
    URI baseUrl = base == null ? null : base.baseUrl();
    if (r.baseUrl() != null) {
      if (r.baseUrl().isBlank()) {
        baseUrl = null;
      } else {
        try {
          baseUrl = new URI(r.baseUrl().strip());
          if (baseUrl.getHost() == null) {
            problems.put("baseUrl", "must be an absolute URL such as https://host");
          }
        } catch (URISyntaxException e) {
          problems.put("baseUrl", "not a URL");
        }
      }
    }
    Set<DataType> types = base == null ? Set.of() : base.dataTypes();
    if (r.dataTypes() != null) {
      Set<DataType> parsed = new LinkedHashSet<>();
      for (String id : r.dataTypes()) {
        try {
          parsed.add(IntegrationRepository.dataType(String.valueOf(id)));
        } catch (IllegalArgumentException e) {
          problems.put("dataTypes", "unknown data type '" + Json.clip(id) + "'");
        }
      }
      types = parsed;
    }
    Duration lookBack =
        duration(r.lookBack(), base == null ? null : base.lookBack(), "lookBack", problems);
    Duration poll =
        duration(
            r.pollInterval(), base == null ? null : base.pollInterval(), "pollInterval", problems);
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    return new IntegrationConfig(
        pick(r.name(), base == null ? null : base.name()),
        pick(r.description(), base == null ? null : base.description()),
        pick(r.tenant(), base == null ? null : base.tenant()),
        api,
        blankToNull(pick(r.region(), base == null ? null : base.region())),
        baseUrl,
        blankToNull(pick(r.appId(), base == null ? null : base.appId())),
        secret(r.appKey(), base == null ? null : base.appKey(), vault),
        secret(r.accessKey(), base == null ? null : base.accessKey(), vault),
        secret(r.secretKey(), base == null ? null : base.secretKey(), vault),
        blankToNull(pick(r.clientId(), base == null ? null : base.clientId())),
        secret(r.clientSecret(), base == null ? null : base.clientSecret(), vault),
        types,
        r.feedTypes() != null
            ? new LinkedHashSet<>(r.feedTypes())
            : base == null ? null : base.feedTypes(),
        lookBack,
        poll,
        r.internalDomains() != null
            ? r.internalDomains()
            : base == null ? null : base.internalDomains(),
        r.internalNetworks() != null
            ? r.internalNetworks()
            : base == null ? null : base.internalNetworks(),
        r.enabled() != null ? r.enabled() : base == null || base.enabled(),
        base == null ? now : base.createdAt());
  }

  /**
   * When an edit points the integration at another host or API version, stored secrets must be
   * typed again: otherwise anyone allowed to edit could send the stored credentials to a server of
   * their choosing.
   */
  static void requireSecretsOnNewAddress(Request r, IntegrationConfig old, IntegrationConfig next) {
    boolean moved =
        old.apiVersion() != next.apiVersion()
            || !Objects.equals(old.baseUrl(), next.baseUrl())
            || !Objects.equals(old.region(), next.region());
    if (!moved) {
      return;
    }
    Map<String, String> problems = new LinkedHashMap<>();
    String again = "type it again: the address changed, and stored secrets go only where they went";
    if (next.apiVersion() == ApiVersion.V1) {
      if (r.appKey() == null) {
        problems.put("appKey", again);
      }
      if (r.secretKey() == null) {
        problems.put("secretKey", again);
      }
    } else if (r.clientSecret() == null) {
      problems.put("clientSecret", again);
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
  }

  /** The validator's "field: message" lines keyed by the API's field names. */
  static Map<String, String> byField(List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String problem : problems) {
      int colon = problem.indexOf(": ");
      String field = colon < 0 ? "integration" : apiName(problem.substring(0, colon));
      String message = colon < 0 ? problem : problem.substring(colon + 2);
      out.merge(field, message, (a, b) -> a + "; " + b);
    }
    return out;
  }

  private static String apiName(String cliName) {
    if (cliName.equals("types")) {
      return "dataTypes";
    }
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : cliName.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** Masked form of a stored secret: whether it is set and where it lives, never its value. */
  static Map<String, Object> masked(SecretRef ref) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("set", ref != null);
    if (ref instanceof SecretRef.EnvRef env) {
      out.put("source", "env:" + env.variable());
    } else if (ref instanceof SecretRef.FileRef) {
      out.put("source", "file");
    } else if (ref != null) {
      out.put("source", "encrypted");
    }
    return out;
  }

  private static SecretRef secret(String given, SecretRef existing, SecretVault vault) {
    if (given == null) {
      return existing;
    }
    return given.isEmpty() ? null : vault.encrypt(given);
  }

  private static Duration duration(
      String text, Duration existing, String field, Map<String, String> problems) {
    if (text == null) {
      return existing;
    }
    try {
      return Durations.parse(text, field);
    } catch (IllegalArgumentException e) {
      problems.put(field, "a duration such as 30s, 5m, 12h, 7d, 2w or ISO-8601 (PT5M)");
      return existing;
    }
  }

  private static void noNulls(List<String> values, String field, Map<String, String> problems) {
    if (values != null && values.stream().anyMatch(Objects::isNull)) {
      problems.put(field, "must not contain null");
    }
  }

  private static String pick(String given, String existing) {
    return given != null ? given : existing;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static List<String> ids(Set<DataType> types) {
    List<String> out = new ArrayList<>();
    for (DataType t : DataType.values()) {
      if (types.contains(t)) {
        out.add(t.id());
      }
    }
    return out;
  }
}
