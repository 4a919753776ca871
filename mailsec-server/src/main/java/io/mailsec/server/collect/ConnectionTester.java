package io.mailsec.server.collect;

import io.mailsec.mimecast.client.AuditQuery;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.DlpQuery;
import io.mailsec.mimecast.client.MimecastApiException;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.mimecast.client.SiemBatchQuery;
import io.mailsec.mimecast.client.SiemLogFile;
import io.mailsec.mimecast.client.SiemLogsQuery;
import io.mailsec.mimecast.client.ThreatFeedFile;
import io.mailsec.mimecast.client.ThreatFeedFormat;
import io.mailsec.mimecast.client.ThreatFeedQuery;
import io.mailsec.mimecast.client.ThreatFeedType;
import io.mailsec.mimecast.client.TtpAttachmentQuery;
import io.mailsec.mimecast.client.TtpImpersonationQuery;
import io.mailsec.mimecast.client.TtpUrlQuery;
import io.mailsec.server.config.IntegrationConfig;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Test connection": one small call per selected data type, each answered with OK or what is wrong
 * in words an admin can act on (the client's typed errors carry that advice).
 */
public final class ConnectionTester {
  /** The outcome for one data type. */
  public record Result(DataType type, boolean ok, String detail) {}

  private final Clock clock;

  public ConnectionTester(Clock clock) {
    this.clock = clock;
  }

  public List<Result> test(IntegrationConfig integration, MimecastClient client) {
    List<Result> results = new ArrayList<>();
    for (DataType type : DataType.values()) {
      if (integration.dataTypes().contains(type)) {
        results.add(probe(integration, client, type));
      }
    }
    return results;
  }

  private Result probe(IntegrationConfig integration, MimecastClient client, DataType type) {
    Instant now = clock.instant();
    Instant hourAgo = now.minus(Duration.ofHours(1));
    try {
      String detail =
          switch (type) {
            case SIEM -> siem(client);
            case TTP_URL ->
                count(client.ttp().urlLogs(TtpUrlQuery.between(hourAgo, now).withPageSize(1)));
            case TTP_ATTACHMENT ->
                count(
                    client
                        .ttp()
                        .attachmentLogs(TtpAttachmentQuery.between(hourAgo, now).withPageSize(1)));
            case TTP_IMPERSONATION ->
                count(
                    client
                        .ttp()
                        .impersonationLogs(
                            TtpImpersonationQuery.between(hourAgo, now).withPageSize(1)));
            case DLP -> count(client.dlp().logs(DlpQuery.between(hourAgo, now).withPageSize(1)));
            case AUDIT ->
                count(client.audit().events(AuditQuery.between(hourAgo, now).withPageSize(1)));
            case THREAT_INTEL -> threatFeed(integration, client, hourAgo, now);
          };
      return new Result(type, true, detail);
    } catch (MimecastApiException e) {
      return new Result(type, false, e.adviceForAdmin());
    } catch (RuntimeException e) {
      return new Result(type, false, unreachable(client, e));
    }
  }

  private static String siem(MimecastClient client) {
    if (client.api2()) {
      var page = client.siemBatch().list(SiemBatchQuery.allTypes().withPageSize(1));
      return page.caughtUp() && page.files().isEmpty()
          ? "reachable; no SIEM batch files yet"
          : "reachable; SIEM batch files are available";
    }
    try (SiemLogFile file = client.siemLogs().fetch(SiemLogsQuery.fromOldest())) {
      return file.caughtUp()
          ? "reachable; no SIEM log file yet"
          : "reachable; SIEM log files are available (Enhanced Logging is on)";
    }
  }

  private static String threatFeed(
      IntegrationConfig integration, MimecastClient client, Instant from, Instant to) {
    List<String> parts = new ArrayList<>();
    for (ThreatFeedType feed : ThreatFeedType.values()) {
      if (!integration.feedTypes().contains(feed.name().toLowerCase(Locale.ROOT))) {
        continue;
      }
      try (ThreatFeedFile file =
          client
              .threatFeed()
              .fetch(ThreatFeedQuery.between(feed, ThreatFeedFormat.STIX, from, to))) {
        parts.add(feed.name().toLowerCase(Locale.ROOT) + (file.noResults() ? " (empty)" : " OK"));
      }
    }
    return "reachable; " + String.join(", ", parts);
  }

  private static String count(io.mailsec.mimecast.client.LogPage page) {
    return "reachable; "
        + (page.totalCount() != null ? page.totalCount() : page.records().size())
        + " record(s) in the last hour";
  }

  private static String unreachable(MimecastClient client, RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String host = client.baseUrl().toString();
    if (cause instanceof ConnectException) {
      return "cannot connect to "
          + host
          + ": check the region / base URL and that this machine may reach it (proxy, firewall)";
    }
    if (cause instanceof HttpTimeoutException) {
      return "no answer from " + host + " in time: check network access, then retry";
    }
    return "unexpected failure talking to " + host + ": " + StreamRunner.describe(cause);
  }
}
