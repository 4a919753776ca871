package io.mailsec.normalize;

import java.util.Optional;

/** The Mimecast data types an integration collects; {@link #wireName()} is the configured name. */
public enum DataType {
  SIEM("siem"),
  TTP_URL("ttp-url"),
  TTP_ATTACHMENT("ttp-attachment"),
  TTP_IMPERSONATION("ttp-impersonation"),
  DLP("dlp"),
  THREAT_INTEL("threat-intel"),
  AUDIT("audit");

  private final String wireName;

  DataType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in configuration and in {@code ingest.data_type}, e.g. {@code ttp-url}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<DataType> fromWireName(String name) {
    for (DataType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
