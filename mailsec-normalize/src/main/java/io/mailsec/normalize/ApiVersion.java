package io.mailsec.normalize;

import java.util.Optional;

/** Mimecast API generation a record came through; it decides field names and time formats. */
public enum ApiVersion {
  V1_0("1.0"),
  V2_0("2.0");

  private final String wireName;

  ApiVersion(String wireName) {
    this.wireName = wireName;
  }

  /** {@code 1.0} or {@code 2.0}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<ApiVersion> fromWireName(String name) {
    for (ApiVersion version : values()) {
      if (version.wireName.equals(name)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }
}
