package io.mailsec.simulator.data;

import java.util.Locale;
import java.util.Optional;

/** Threat-intel feed types (mimecast-api.md §5). */
public enum FeedType {
  /** Malware seen by this account. */
  MALWARE_CUSTOMER,
  /** Malware seen on the account's regional grid (includes this account's). */
  MALWARE_GRID;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FeedType> fromApiName(String name) {
    for (FeedType type : values()) {
      if (type.apiName().equalsIgnoreCase(name.trim())) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
