package io.mailsec.normalize.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.schema.IpLiterals;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;

/**
 * Case-insensitive, alias-aware read access to one Mimecast record. Field-name case drifts between
 * API versions and documentation ({@code subType}/{@code subtype}, {@code Hostname}), so every
 * lookup ignores case and takes the first of several candidate names that holds a value.
 */
public final class RecordFields {
  private final Map<String, JsonNode> byLowerName = new HashMap<>();

  private RecordFields(ObjectNode record) {
    for (Entry<String, JsonNode> e : record.properties()) {
      byLowerName.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
  }

  public static RecordFields of(ObjectNode record) {
    return new RecordFields(record);
  }

  /** The first candidate that is present and not JSON null or blank text; null when none is. */
  public JsonNode node(String... names) {
    for (String name : names) {
      JsonNode value = byLowerName.get(name.toLowerCase(Locale.ROOT));
      if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank())) {
        return value;
      }
    }
    return null;
  }

  public Optional<String> text(String... names) {
    return Values.text(node(names));
  }

  public Optional<Long> longValue(String... names) {
    return Values.toLong(node(names));
  }

  public Optional<Boolean> bool(String... names) {
    return Values.toBoolean(node(names));
  }

  /**
   * A valid IP literal. Values such as {@code Internal IP} are not addresses, and the unspecified
   * address {@code 0.0.0.0} (or {@code ::}) that Mimecast logs when it has none means "unknown";
   * both give empty.
   */
  public Optional<String> ip(String... names) {
    return text(names).filter(s -> isSpecifiedAddress(s));
  }

  private static boolean isSpecifiedAddress(String text) {
    return IpLiterals.parse(text)
        .filter(
            bytes -> {
              for (byte b : bytes) {
                if (b != 0) {
                  return true;
                }
              }
              return false;
            })
        .isPresent();
  }

  public List<String> addresses(String... names) {
    return Addresses.list(node(names));
  }

  /**
   * The event time from the first present candidate; empty when none is present.
   *
   * @throws RecordRejected when a candidate is present but is not a recognisable time
   */
  public Optional<Instant> time(String... names) {
    JsonNode value = node(names);
    if (value == null) {
      return Optional.empty();
    }
    Optional<Instant> parsed = Times.parse(value);
    if (parsed.isEmpty()) {
      throw new RecordRejected(
          "unparseable time '"
              + Values.text(value).orElse(value.toString())
              + "' in "
              + String.join("/", names));
    }
    return parsed;
  }
}
