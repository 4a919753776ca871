package io.mailsec.mimecast.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A request for the next threat-intel feed file.
 *
 * @param start window start, or null for Mimecast's default (7 days ago)
 * @param end window end, or null for now
 * @param token the previous file's {@link ThreatFeedFile#nextToken()}, or null for the first
 */
public record ThreatFeedQuery(
    ThreatFeedType feedType,
    ThreatFeedFormat format,
    boolean compress,
    Instant start,
    Instant end,
    String token) {

  public ThreatFeedQuery {
    Objects.requireNonNull(feedType, "feedType");
    Objects.requireNonNull(format, "format");
  }

  public static ThreatFeedQuery between(
      ThreatFeedType feedType, ThreatFeedFormat format, Instant start, Instant end) {
    return new ThreatFeedQuery(feedType, format, false, start, end, null);
  }

  public ThreatFeedQuery withToken(String value) {
    return new ThreatFeedQuery(feedType, format, compress, start, end, value);
  }

  public ThreatFeedQuery withCompress(boolean value) {
    return new ThreatFeedQuery(feedType, format, value, start, end, token);
  }
}
