package io.mailsec.normalize.siem;

import java.util.Locale;
import java.util.Optional;

/**
 * The ten SIEM log types with their names in API 1.0 (file name prefix), API 2.0 ({@code type} /
 * {@code eventType}) and Sentinel's {@code Logtype} ({@code email_*}), and the normalized {@code
 * event_type}.
 */
enum SiemType {
  RECEIPT("receipt", "receipt", "receipt", "email_receipt"),
  PROCESS("process", "process", "process", "email_process"),
  DELIVERY("delivery", "delivery", "delivery", "email_delivery"),
  JOURNAL("journal", "jrnl", "journal", "email_journal"),
  AV("av", "av", "av", "email_antivirus"),
  SPAM("spam", "spameventthread", "spam", "email_spam"),
  INTERNAL_EMAIL_PROTECT("internal_email_protect", "iep", "internal email protect", "email_iep"),
  IMPERSONATION_PROTECT(
      "impersonation_protect", "impersonation", "impersonation protect", "email_ttp_impersonation"),
  URL_PROTECT("url_protect", "ttp_url", "url protect", "email_ttp_url"),
  ATTACHMENT_PROTECT("attachment_protect", "ttp_ap", "attachment protect", "email_ttp_ap");

  private final String eventType;
  private final String v1Prefix;
  private final String v2Name;
  private final String logtype;

  SiemType(String eventType, String v1Prefix, String v2Name, String logtype) {
    this.eventType = eventType;
    this.v1Prefix = v1Prefix;
    this.v2Name = v2Name;
    this.logtype = logtype;
  }

  String eventType() {
    return eventType;
  }

  /** Resolves any known spelling: 1.0 prefix, 2.0 name, event type or Sentinel Logtype. */
  static Optional<SiemType> fromName(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (SiemType t : values()) {
      if (n.equals(t.v1Prefix)
          || n.equals(t.v2Name)
          || n.equals(t.eventType)
          || n.equals(t.logtype)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
