package io.mailsec.simulator.data;

import java.util.Locale;
import java.util.Optional;

/**
 * The SIEM (MTA) log types, with the 1.0 file prefix and the 2.0 {@code type} name (mimecast-api.md
 * §3.1, §3.5, §3.6). The declaration order is the order files of one period are served in.
 */
public enum SiemType {
  RECEIPT("receipt", "receipt"),
  PROCESS("process", "process"),
  DELIVERY("delivery", "delivery"),
  JOURNAL("jrnl", "journal"),
  AV("av", "av"),
  SPAM("spameventthread", "spam"),
  INTERNAL_EMAIL_PROTECT("iep", "internal email protect"),
  IMPERSONATION_PROTECT("impersonation", "impersonation protect"),
  URL_PROTECT("ttp_url", "url protect"),
  ATTACHMENT_PROTECT("ttp_ap", "attachment protect");

  private final String filePrefix;
  private final String apiName;

  SiemType(String filePrefix, String apiName) {
    this.filePrefix = filePrefix;
    this.apiName = apiName;
  }

  /** The 1.0 file name prefix, e.g. {@code jrnl} in {@code jrnl_20211018093329655.json}. */
  public String filePrefix() {
    return filePrefix;
  }

  /** The 2.0 {@code type} value, e.g. {@code url protect}. */
  public String apiName() {
    return apiName;
  }

  /** The 2.0 name without spaces, for file names and URLs, e.g. {@code url-protect}. */
  public String slug() {
    return apiName.replace(' ', '-');
  }

  /** Parses a 2.0 type name; case-insensitive, accepts {@code +} or {@code -} for spaces. */
  public static Optional<SiemType> fromApiName(String name) {
    String normalized = name.trim().toLowerCase(Locale.ROOT).replace('+', ' ').replace('-', ' ');
    for (SiemType type : values()) {
      if (type.apiName.equals(normalized)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
