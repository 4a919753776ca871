package io.mailsec.core.schema;

import java.util.Locale;

/** Storage and query type of a schema field. */
public enum FieldType {
  /** Exact-match string (identifiers, addresses, enumerations); compared case-insensitively. */
  KEYWORD,
  /** Free text (subjects, raw data) searched with CONTAINS. */
  TEXT,
  LONG,
  DOUBLE,
  BOOLEAN,
  /** An instant; a {@link java.time.Instant} in events, ISO-8601 UTC in JSON. */
  TIMESTAMP,
  /** An IPv4 or IPv6 literal held as a string; queries may compare it with CIDR ranges. */
  IP,
  /** A container of other fields (e.g. {@code attachments}); its children are listed separately. */
  OBJECT;

  /** Lower-case name used in docs and by the query language, e.g. {@code keyword}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
