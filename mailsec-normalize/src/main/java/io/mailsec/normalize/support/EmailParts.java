package io.mailsec.normalize.support;

import io.mailsec.core.event.Event;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Pieces of {@code email} events shared by the SIEM and TTP normalizers. */
public final class EmailParts {
  private EmailParts() {}

  /**
   * Sets {@code envelope_from}: the bare address, or an empty string for the null sender {@code <>}
   * (which is not an address and has no domain).
   *
   * @return the address, empty for the null sender or when absent
   */
  public static Optional<String> putEnvelopeFrom(Event.Builder event, Optional<String> raw) {
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    if (Addresses.isNullSender(raw.get())) {
      event.put("envelope_from", "");
      return Optional.empty();
    }
    Optional<String> address = Addresses.address(raw.get());
    address.ifPresent(a -> event.put("envelope_from", a));
    return address;
  }

  /** Lower-case extension of a file name without the dot, or null. */
  public static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0 || dot == fileName.length() - 1) {
      return null;
    }
    String ext = fileName.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    return ext.isEmpty() || ext.length() > 16 ? null : ext;
  }

  /** Lower-case hex digest, or null when absent. */
  public static String hash(Optional<String> value) {
    return value.map(v -> v.toLowerCase(Locale.ROOT)).orElse(null);
  }

  /** An element of {@code threats}; null parts are dropped by the event. */
  public static Map<String, Object> threat(String classification, String name, String source) {
    Map<String, Object> threat = new LinkedHashMap<>();
    threat.put("classification", classification);
    threat.put("name", name);
    threat.put("source", source);
    return threat;
  }

  /** A header value on one line: folded lines (CRLF or LF plus indentation) become one space. */
  public static String unfold(String text) {
    return text.replaceAll("\\r?\\n[ \\t]*|\\r", " ").strip();
  }

  /** Multi-line text with CRLF turned into LF and trailing blanks of each line removed. */
  public static String multiline(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[ \\t]+\n", "\n").strip();
  }
}
