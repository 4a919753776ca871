package io.mailsec.mimecast.client;

/** Which threat-intel feed: the customer's own detections or those of its regional grid. */
public enum ThreatFeedType {
  MALWARE_CUSTOMER("malware_customer"),
  MALWARE_GRID("malware_grid");

  private final String wireName;

  ThreatFeedType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
