package io.mailsec.core.event;

/**
 * Tells which fields hold timestamps, so that {@link EventJson} can turn their ISO-8601 strings
 * back into {@link java.time.Instant}s. Implemented by the schema registry.
 */
@FunctionalInterface
public interface TimestampFields {
  /**
   * @param schema schema name
   * @param path dotted field path without list positions, e.g. {@code ingest.time}
   */
  boolean isTimestamp(String schema, String path);
}
