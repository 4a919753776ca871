package io.mailsec.normalize;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a normalizer needs to know about a record besides its text.
 *
 * @param tenantId tenant the integration belongs to
 * @param integrationId integration id (lower-cased integration name)
 * @param dataType which Mimecast data the record is
 * @param apiVersion API generation it came through
 * @param siemFileType for API 1.0 SIEM: the log type from the file name prefix ({@code receipt},
 *     {@code process}, {@code delivery}, {@code jrnl}, {@code av}, {@code spameventthread}, {@code
 *     iep}, {@code impersonation}, {@code ttp_url}, {@code ttp_ap}); null otherwise
 * @param feedType for threat intel: {@code malware_customer} or {@code malware_grid}; may be null
 * @param ingestTime when the record was collected; also the quarantine time
 * @param internalDomains the customer's own domains (lower case); subdomains count as internal
 * @param internalNetworks the customer's own IP ranges
 * @param origin where the record came from (file name, page, line), for quarantine; may be null
 */
public record NormalizationContext(
    String tenantId,
    String integrationId,
    DataType dataType,
    ApiVersion apiVersion,
    String siemFileType,
    String feedType,
    Instant ingestTime,
    Set<String> internalDomains,
    List<Cidr> internalNetworks,
    String origin) {
  private static final Pattern FILE_NAME =
      Pattern.compile("(?i)^(ttp_[a-z]+|[a-z]+)_\\d+(\\.[a-z0-9.]+)?$");

  public NormalizationContext {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(ingestTime, "ingestTime");
    Set<String> domains = new LinkedHashSet<>();
    for (String d : internalDomains) {
      domains.add(d.trim().toLowerCase(Locale.ROOT));
    }
    internalDomains = Set.copyOf(domains);
    internalNetworks = List.copyOf(internalNetworks);
  }

  public static Builder builder(String tenantId, String integrationId, DataType dataType) {
    return new Builder(tenantId, integrationId, dataType);
  }

  /**
   * The SIEM 1.0 log type from a file name such as {@code receipt_20211018093329655.json} or {@code
   * ttp_url_20211129153015541.log}; null when the name does not look like one.
   */
  public static String siemFileTypeOf(String fileName) {
    Matcher m = FILE_NAME.matcher(fileName.trim());
    return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** The same context with another origin, e.g. a line number within a file. */
  public NormalizationContext withOrigin(String newOrigin) {
    return new NormalizationContext(
        tenantId,
        integrationId,
        dataType,
        apiVersion,
        siemFileType,
        feedType,
        ingestTime,
        internalDomains,
        internalNetworks,
        newOrigin);
  }

  /** Builder with defaults: API 2.0, no file or feed type, no internal domains or networks. */
  public static final class Builder {
    private final String tenantId;
    private final String integrationId;
    private final DataType dataType;
    private ApiVersion apiVersion = ApiVersion.V2_0;
    private String siemFileType;
    private String feedType;
    private Instant ingestTime;
    private Set<String> internalDomains = Set.of();
    private List<Cidr> internalNetworks = List.of();
    private String origin;

    private Builder(String tenantId, String integrationId, DataType dataType) {
      this.tenantId = tenantId;
      this.integrationId = integrationId;
      this.dataType = dataType;
    }

    public Builder apiVersion(ApiVersion value) {
      this.apiVersion = value;
      return this;
    }

    public Builder siemFileType(String value) {
      this.siemFileType = value;
      return this;
    }

    public Builder feedType(String value) {
      this.feedType = value;
      return this;
    }

    public Builder ingestTime(Instant value) {
      this.ingestTime = value;
      return this;
    }

    public Builder internalDomains(Set<String> value) {
      this.internalDomains = value;
      return this;
    }

    public Builder internalNetworks(List<Cidr> value) {
      this.internalNetworks = value;
      return this;
    }

    public Builder origin(String value) {
      this.origin = value;
      return this;
    }

    public NormalizationContext build() {
      return new NormalizationContext(
          tenantId,
          integrationId,
          dataType,
          apiVersion,
          siemFileType,
          feedType,
          ingestTime,
          internalDomains,
          internalNetworks,
          origin);
    }
  }
}
