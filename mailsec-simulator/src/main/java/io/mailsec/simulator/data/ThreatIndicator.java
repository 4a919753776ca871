package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One detection in a threat-intel feed: a malicious file with the message that carried it. In STIX
 * it becomes a malware + indicator + relationship triple, in CSV one row.
 *
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
    long stixKey,
    boolean repeated) {

  /** Feed type, SHA-256 and epoch seconds; unique per indicator of a feed. */
  public Map<String, Object> groundTruthKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("feedType", feedType.apiName());
    key.put("sha256", file.sha256());
    key.put("epochSecond", time.getEpochSecond());
    return key;
  }

  ThreatIndicator inFeed(FeedType otherFeed, String otherId, long otherStixKey) {
    return new ThreatIndicator(
        otherId, otherFeed, time, senderAddress, sendingIp, subject, file, otherStixKey, repeated);
  }
}
