package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One detection in a threat-intel feed: a malicious file with the message that carried it, or (only
 * from scenarios) a malicious URL. In STIX it becomes a malware + indicator + relationship triple;
 * in CSV a file indicator is one row, and a URL indicator has no row (the CSV columns are about
 * files).
 *
 * @param file the file; {@code null} for a URL indicator
 * @param url the URL of a URL indicator, otherwise {@code null}
 * @param validUntil STIX {@code valid_until}, or {@code null} for none
 * @param stixKey unique per indicator; the STIX object ids are derived from it
 * @param repeated the feed lists this indicator twice (Mimecast's feed contains duplicates)
 */
public record ThreatIndicator(
    String id,
    FeedType feedType,
    Instant time,
    String senderAddress,
    String sendingIp,
    String subject,
    Attachment file,
    String url,
    Instant validUntil,
    long stixKey,
    boolean repeated) {

  /** A file indicator without {@code valid_until}, as background traffic produces them. */
  static ThreatIndicator ofFile(
      String id,
      FeedType feedType,
      Instant time,
      String senderAddress,
      String sendingIp,
      String subject,
      Attachment file,
      long stixKey,
      boolean repeated) {
    return new ThreatIndicator(
        id, feedType, time, senderAddress, sendingIp, subject, file, null, null, stixKey, repeated);
  }

  public boolean isUrl() {
    return url != null;
  }

  /**
   * Feed type, SHA-256 and epoch seconds; unique per indicator of a feed. A URL indicator has
   * {@code url} instead of {@code sha256}.
   */
  public Map<String, Object> groundTruthKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("feedType", feedType.apiName());
    if (isUrl()) {
      key.put("url", url);
    } else {
      key.put("sha256", file.sha256());
    }
    key.put("epochSecond", time.getEpochSecond());
    return key;
  }

  ThreatIndicator inFeed(FeedType otherFeed, String otherId, long otherStixKey) {
    return new ThreatIndicator(
        otherId,
        otherFeed,
        time,
        senderAddress,
        sendingIp,
        subject,
        file,
        url,
        validUntil,
        otherStixKey,
        repeated);
  }
}
