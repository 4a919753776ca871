package io.mailsec.mimecast.client;

import java.net.URI;
import java.util.Objects;

/**
 * The Mimecast API client for one credential. The credential type picks the API version: {@link
 * Api1Credentials} sign requests with HMAC against a regional 1.0 host, {@link Api2Credentials} use
 * OAuth bearer tokens against a 2.0 gateway. Each endpoint family has its own typed facade.
 *
 * <p>Thread-safe; one instance per integration is enough. Calls block; they retry transient
 * failures (see {@link RetryPolicy}), wait for the credential's shared {@link RateBudget}, and
 * throw {@link MimecastApiException}s whose {@link MimecastApiException#adviceForAdmin()} says what
 * to fix.
 */
public final class MimecastClient {
  private final ClientContext context;
  private final RateBudget budget;

  private MimecastClient(ClientContext context, RateBudget budget) {
    this.context = context;
    this.budget = budget;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The base URL every call goes to. */
  public URI baseUrl() {
    return context.baseUrl();
  }

  /** True for API 2.0 credentials. */
  public boolean api2() {
    return context.api2();
  }

  /** The rate budget shared by every client of this credential. */
  public RateBudget rateBudget() {
    return budget;
  }

  /** SIEM 1.0 file API (API 1.0 only). */
  public SiemLogsApi siemLogs() {
    return new SiemLogsApi(context);
  }

  /** SIEM 2.0 batch listing and file download (API 2.0 only). */
  public SiemBatchApi siemBatch() {
    return new SiemBatchApi(context);
  }

  /** SIEM 2.0 stream (API 2.0 only). */
  public SiemStreamApi siemStream() {
    return new SiemStreamApi(context);
  }

  /** TTP URL, attachment and impersonation logs. */
  public TtpApi ttp() {
    return new TtpApi(context);
  }

  /** Data Leak Prevention logs. */
  public DlpApi dlp() {
    return new DlpApi(context);
  }

  /** Threat-intel feed. */
  public ThreatFeedApi threatFeed() {
    return new ThreatFeedApi(context);
  }

  /** Audit events. */
  public AuditApi audit() {
    return new AuditApi(context);
  }

  /** Builds a {@link MimecastClient}; credentials and a region or base URL are required. */
  public static final class Builder {
    private ApiCredentials credentials;
    private Region region;
    private URI baseUrl;
    private RateBudgets rateBudgets;
    private ClientSettings settings = ClientSettings.defaults();

    private Builder() {}

    public Builder credentials(ApiCredentials value) {
      this.credentials = value;
      return this;
    }

    /** Picks the base URL from the region for the credentials' API version. */
    public Builder region(Region value) {
      this.region = value;
      return this;
    }

    /** An explicit base URL (a proxy, the simulator); wins over {@link #region}. */
    public Builder baseUrl(URI value) {
      this.baseUrl = value;
      return this;
    }

    /**
     * The process-wide budget registry. Without it the client gets a private budget, which is only
     * correct when no other client uses the same credential.
     */
    public Builder rateBudgets(RateBudgets value) {
      this.rateBudgets = value;
      return this;
    }

    public Builder settings(ClientSettings value) {
      this.settings = Objects.requireNonNull(value, "settings");
      return this;
    }

    public MimecastClient build() {
      Objects.requireNonNull(credentials, "credentials");
      if (baseUrl == null && region == null) {
        throw new IllegalStateException("Set a region or a base URL");
      }
      URI base = baseUrl != null ? baseUrl : region.baseUrlFor(credentials);
      RateBudget budget =
          (rateBudgets != null ? rateBudgets : RateBudgets.create()).forCredentials(credentials);
      boolean api2 = credentials instanceof Api2Credentials;
      HttpTransport transport =
          new HttpTransport(
              settings.httpClientOrDefault(), settings, budget, api2, base.toString());
      Authenticator authenticator =
          credentials instanceof Api1Credentials api1
              ? new Api1Authenticator(api1, settings.clock())
              : new OAuthAuthenticator((Api2Credentials) credentials, transport, base);
      return new MimecastClient(new ClientContext(transport, base, authenticator), budget);
    }
  }
}
