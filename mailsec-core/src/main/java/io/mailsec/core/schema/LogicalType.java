package io.mailsec.core.schema;

import java.util.Locale;
import java.util.Optional;

/**
 * A kind of value that can live in several fields; the query language expands {@code @ip = 'x'} to
 * an OR over every field tagged {@link #IP} in the schemas searched.
 */
public enum LogicalType {
  IP,
  EMAIL,
  USER,
  DOMAIN,
  HASH,
  URL;

  /** The query token, e.g. {@code @ip}. */
  public String token() {
    return "@" + name().toLowerCase(Locale.ROOT);
  }

  /** Looks up a token with or without the leading {@code @}, ignoring case. */
  public static Optional<LogicalType> fromToken(String token) {
    String name = token.startsWith("@") ? token.substring(1) : token;
    for (LogicalType type : values()) {
      if (type.name().equalsIgnoreCase(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
