package io.mailsec.mimecast.source;

import io.mailsec.core.source.Source;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.mimecast.client.ThreatFeedType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Builds the {@link Source} for one data type of one integration. The client's credentials decide
 * the API version: SIEM is read from the 2.0 batch API ({@link SiemBatchSource}) or the 1.0 file
 * API ({@link SiemFileSource}); the other data types use the same endpoints on both versions.
 *
 * <p>A source is used by one runner thread; several sources may share one client (and so one rate
 * budget).
 */
public final class MimecastSources {
  /** The data type ids, as in the integration configuration, sorted. */
  public static final Set<String> DATA_TYPES = dataTypeIds();

  private MimecastSources() {}

  /**
   * The source for a data type id ({@code siem}, {@code ttp-url}, {@code ttp-attachment}, {@code
   * ttp-impersonation}, {@code dlp}, {@code threat-intel}, {@code audit}).
   *
   * @throws IllegalArgumentException for an unknown data type or feed type
   */
  public static Source create(String dataType, MimecastClient client, SourceSettings settings) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(settings, "settings");
    DataType type = dataType(dataType);
    return switch (type) {
      case SIEM ->
          client.api2()
              ? new SiemBatchSource(client.siemBatch(), settings)
              : new SiemFileSource(client.siemLogs(), settings);
      case TTP_URL -> new TtpLogSource(TtpLogSource.Kind.URL, client.ttp(), settings);
      case TTP_ATTACHMENT -> new TtpLogSource(TtpLogSource.Kind.ATTACHMENT, client.ttp(), settings);
      case TTP_IMPERSONATION ->
          new TtpLogSource(TtpLogSource.Kind.IMPERSONATION, client.ttp(), settings);
      case DLP -> new DlpLogSource(client.dlp(), settings);
      case THREAT_INTEL ->
          new ThreatFeedSource(client.threatFeed(), settings, feedTypes(settings.feedTypes()));
      case AUDIT -> new AuditSource(client.audit(), settings);
    };
  }

  private static DataType dataType(String id) {
    for (DataType type : DataType.values()) {
      if (type.id().equals(id)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "Unknown Mimecast data type '" + id + "'; known: " + String.join(", ", DATA_TYPES));
  }

  private static List<ThreatFeedType> feedTypes(Set<String> names) {
    List<ThreatFeedType> feeds = new ArrayList<>();
    for (String name : names) {
      String wire = name.trim().toLowerCase(Locale.ROOT);
      ThreatFeedType match = null;
      for (ThreatFeedType feed : ThreatFeedType.values()) {
        if (feed.wireName().equals(wire)) {
          match = feed;
        }
      }
      if (match == null) {
        throw new IllegalArgumentException(
            "Unknown threat-intel feed type '" + name + "'; known: malware_customer, malware_grid");
      }
      feeds.add(match);
    }
    return feeds;
  }

  private static Set<String> dataTypeIds() {
    SortedSet<String> ids = new TreeSet<>();
    for (DataType type : DataType.values()) {
      ids.add(type.id());
    }
    return Collections.unmodifiableSortedSet(ids);
  }
}
