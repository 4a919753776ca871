package io.mailsec.mimecast.client;

/** The file type of the threat-intel feed. */
public enum ThreatFeedFormat {
  /** Pipe-delimited rows with a header; records are {@link RecordFormat#CSV}. */
  CSV("csv"),
  /** A STIX 2.0 bundle; records are its {@code objects[]} as {@link RecordFormat#JSON}. */
  STIX("stix");

  private final String wireName;

  ThreatFeedFormat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
