package io.mailsec.simulator.render;

import io.mailsec.simulator.data.Rng;
import io.mailsec.simulator.data.ThreatIndicator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes threat-feed files (mimecast-api.md §5.2): pipe-delimited CSV with a header row, or a STIX
 * 2.0 bundle with one malware + indicator + relationship triple per detection. Indicators flagged
 * {@code repeated} are written twice (the real feed has duplicates). CSV timestamps alternate
 * between {@code +0000} and {@code .SSS'Z'} forms, missing values are the string {@code null}, and
 * a file name containing {@code |} is double-quoted. URL indicators (scenarios only) appear in STIX
 * only, as a {@code url} OR {@code domain-name} pattern: the CSV columns describe files.
 */
public final class ThreatFeedWriter {
  private ThreatFeedWriter() {}

  static final String CSV_HEADER =
      "Timestamp|SenderAddress|FileName|FileMimeType|FileSize|MD5|SHA256|SendingIP";

  public static byte[] csv(List<ThreatIndicator> indicators) {
    StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
    for (ThreatIndicator indicator : withRepeats(indicators)) {
      if (indicator.isUrl()) {
        continue;
      }
      boolean millis = Math.floorMod(indicator.stixKey(), 2L) == 0;
      String timestamp =
          millis ? Formats.isoMillis(indicator.time()) : Formats.apiDate(indicator.time());
      out.append(timestamp)
          .append('|')
          .append(orNull(indicator.senderAddress()))
          .append('|')
          .append(quoteIfPiped(indicator.file().fileName()))
          .append('|')
          .append(indicator.file().mimeType())
          .append('|')
          .append(indicator.file().sizeBytes())
          .append('|')
          .append(indicator.file().md5())
          .append('|')
          .append(indicator.file().sha256())
          .append('|')
          .append(orNull(indicator.sendingIp()))
          .append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A STIX bundle; {@code bundleKey} makes the bundle id stable for the file. */
  public static byte[] stix(List<ThreatIndicator> indicators, long bundleKey) {
    List<Object> objects = new ArrayList<>();
    for (ThreatIndicator indicator : withRepeats(indicators)) {
      String created = Formats.isoMillis(indicator.time());
      String malwareId = "malware--" + uuid(indicator.stixKey(), 1);
      String indicatorId = "indicator--" + uuid(indicator.stixKey(), 2);
      Map<String, Object> malware = new LinkedHashMap<>();
      malware.put("type", "malware");
      malware.put("id", malwareId);
      malware.put("created", created);
      malware.put("modified", created);
      malware.put("name", indicator.subject());
      malware.put("labels", List.of(labelFor(indicator)));
      Map<String, Object> stixIndicator = new LinkedHashMap<>();
      stixIndicator.put("type", "indicator");
      stixIndicator.put("id", indicatorId);
      stixIndicator.put("created", created);
      stixIndicator.put("modified", created);
      stixIndicator.put("labels", List.of("malicious-activity"));
      stixIndicator.put("pattern", pattern(indicator));
      stixIndicator.put("valid_from", created);
      if (indicator.validUntil() != null) {
        stixIndicator.put("valid_until", Formats.isoMillis(indicator.validUntil()));
      }
      Map<String, Object> relationship = new LinkedHashMap<>();
      relationship.put("type", "relationship");
      relationship.put("id", "relationship--" + uuid(indicator.stixKey(), 3));
      relationship.put("created", created);
      relationship.put("modified", created);
      relationship.put("relationship_type", "indicates");
      relationship.put("source_ref", indicatorId);
      relationship.put("target_ref", malwareId);
      objects.add(malware);
      objects.add(stixIndicator);
      objects.add(relationship);
    }
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + uuid(bundleKey, 0));
    bundle.put("spec_version", "2.0");
    bundle.put("objects", objects);
    return Json.bytes(bundle);
  }

  private static String pattern(ThreatIndicator indicator) {
    if (indicator.isUrl()) {
      String host = java.net.URI.create(indicator.url()).getHost();
      return "[url:value = '"
          + stixEscape(indicator.url())
          + "'] OR [domain-name:value = '"
          + stixEscape(host)
          + "']";
    }
    return "[file:hashes.'SHA-256' = '" + indicator.file().sha256() + "']";
  }

  private static String stixEscape(String value) {
    return value.replace("\\", "\\\\").replace("'", "\\'");
  }

  private static String labelFor(ThreatIndicator indicator) {
    if (indicator.isUrl()) {
      return "dropper";
    }
    String virus = indicator.file().virusName();
    if (virus == null) {
      return "malware";
    }
    String lower = virus.toLowerCase(Locale.ROOT);
    return lower.contains("trojan") ? "trojan" : lower.contains("phish") ? "spyware" : "virus";
  }

  private static List<ThreatIndicator> withRepeats(List<ThreatIndicator> indicators) {
    List<ThreatIndicator> rows = new ArrayList<>();
    for (ThreatIndicator indicator : indicators) {
      rows.add(indicator);
      if (indicator.repeated()) {
        rows.add(indicator);
      }
    }
    return rows;
  }

  private static String orNull(String value) {
    return value == null || value.isEmpty() ? "null" : value;
  }

  private static String quoteIfPiped(String value) {
    return value.indexOf('|') >= 0 ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  /** A random-looking (version 4 layout) UUID derived from a key. */
  static String uuid(long key, int part) {
    Rng rng = Rng.of(key, part);
    long high = (rng.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    long low = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return String.format(
        Locale.ROOT,
        "%08x-%04x-%04x-%04x-%012x",
        high >>> 32,
        (high >>> 16) & 0xFFFF,
        high & 0xFFFF,
        low >>> 48,
        low & 0xFFFFFFFFFFFFL);
  }
}
