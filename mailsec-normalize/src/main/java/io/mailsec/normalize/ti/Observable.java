package io.mailsec.normalize.ti;

import java.util.Locale;
import java.util.Map;

/**
 * One observable value of an indicator and the event fields it fills.
 *
 * @param indicatorType {@code sha256}, {@code sha1}, {@code md5}, {@code url}, {@code domain},
 *     {@code ip} or {@code sender}
 * @param value the value (hashes in lower case)
 * @param key where it came from, e.g. {@code file:hashes.'SHA-256'} or the CSV column
 */
record Observable(String indicatorType, String value, String key) {
  private static final Map<String, String> FIELDS =
      Map.of(
          "sha256", "file_hash_sha256",
          "sha1", "file_hash_sha1",
          "md5", "file_hash_md5",
          "url", "url",
          "domain", "domain_name",
          "ip", "network_ip",
          "sender", "email_sender_address");

  static Observable of(String indicatorType, String value, String key) {
    boolean hash = indicatorType.startsWith("sha") || indicatorType.equals("md5");
    return new Observable(
        indicatorType, hash ? value.strip().toLowerCase(Locale.ROOT) : value.strip(), key);
  }

  /** The threat_indicator field holding this kind of value. */
  String field() {
    return FIELDS.get(indicatorType);
  }
}
