package io.mailsec.detect.ti;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.IpLiterals;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One threat indicator as matching needs it: its observables as {@code kind:value} keys (kinds
 * {@code hash}, {@code url}, {@code host}, {@code ip}, {@code sender}; values lower-cased, IPs in a
 * canonical form) and its lifecycle.
 *
 * @param key identity across versions: the provider's indicator id, else the event id
 * @param eventId id of the {@code threat_indicator} event of this version
 * @param version the version's time (modified, else created, else event time); newer wins
 */
public record Indicator(
    String key,
    String eventId,
    Set<String> observables,
    Instant validFrom,
    Instant validUntil,
    boolean revoked,
    Instant version) {
  public Indicator {
    observables = Set.copyOf(observables);
  }

  /** Event fields holding observables, by kind, for the indicator's own schema. */
  private static final Map<String, List<String>> INDICATOR_FIELDS =
      Map.of(
          "hash", List.of("file_hash_sha256", "file_hash_sha1", "file_hash_md5"),
          "url", List.of("url"),
          "host", List.of("domain_name"),
          "ip", List.of("network_ip", "email_source_ip"),
          "sender", List.of("email_sender_address"));

  /** Event fields of email and http events that are checked, by kind. */
  public static final Map<String, List<String>> EVENT_FIELDS =
      Map.of(
          "hash", List.of("attachments.sha256", "attachments.sha1", "attachments.md5"),
          "url", List.of("urls.url", "url"),
          "host", List.of("urls.host", "uri_host", "sender_domain"),
          "ip", List.of("sender_ip", "source_address"),
          "sender", List.of("envelope_from", "from_email_address"));

  /** The indicator of a {@code threat_indicator} event, or empty when it has no observable. */
  public static Optional<Indicator> of(Event event) {
    Set<String> observables = new LinkedHashSet<>();
    INDICATOR_FIELDS.forEach(
        (kind, fields) ->
            fields.forEach(f -> event.get(f).forEach(v -> add(observables, kind, v))));
    if (observables.isEmpty()) {
      String type = event.string("indicator_type").orElse("");
      String kind =
          switch (type) {
            case "sha256", "sha1", "md5" -> "hash";
            case "url" -> "url";
            case "domain" -> "host";
            case "ip" -> "ip";
            case "sender" -> "sender";
            default -> null;
          };
      if (kind != null) {
        event.get("indicator_value").forEach(v -> add(observables, kind, v));
      }
    }
    if (observables.isEmpty()) {
      return Optional.empty();
    }
    Instant version =
        time(event, "modified").or(() -> time(event, "created")).orElse(event.eventTime());
    return Optional.of(
        new Indicator(
            event.string("indicator_id").orElse(event.id()),
            event.id(),
            observables,
            time(event, "valid_from").orElse(null),
            time(event, "valid_until").orElse(null),
            event.first("revoked").map(Boolean.TRUE::equals).orElse(false),
            version));
  }

  /** The observable keys of an email or http event. */
  public static Set<String> observablesOf(Event event) {
    Set<String> out = new LinkedHashSet<>();
    EVENT_FIELDS.forEach(
        (kind, fields) -> fields.forEach(f -> event.get(f).forEach(v -> add(out, kind, v))));
    return out;
  }

  /**
   * Whether the indicator may match an event that happened at {@code time}: not revoked and not
   * expired at that time. {@code valid_from} does not restrict: it says when the provider started
   * vouching for the indicator, usually after the malware was already sent, and retro-hunting
   * exists to find exactly those earlier events.
   */
  public boolean activeAt(Instant time) {
    return !revoked && (validUntil == null || time.isBefore(validUntil));
  }

  private static Optional<Instant> time(Event event, String field) {
    return event.first(field).filter(Instant.class::isInstance).map(Instant.class::cast);
  }

  private static void add(Set<String> out, String kind, Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      return;
    }
    String v = s.strip().toLowerCase(Locale.ROOT);
    if (kind.equals("ip")) {
      Optional<byte[]> bytes = IpLiterals.parse(v);
      if (bytes.isEmpty()) {
        return;
      }
      v = canonicalIp(bytes.get());
    }
    out.add(kind + ":" + v);
  }

  private static String canonicalIp(byte[] b) {
    boolean mapped = b.length == 16;
    for (int i = 0; mapped && i < 10; i++) {
      mapped = b[i] == 0;
    }
    if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
    }
    if (b.length == 4) {
      return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
    return HexFormat.of().formatHex(b);
  }

  /** The raw value of an observable key, e.g. the hash of {@code hash:ab12...}. */
  public static String valueOf(String observable) {
    return observable.substring(observable.indexOf(':') + 1);
  }
}
