package io.mailsec.mimecast.client;

import java.util.Objects;

/**
 * A request for the next SIEM 1.0 log file.
 *
 * @param token the {@code mc-siem-token} of the previous file, or null to start from the oldest
 *     file Mimecast keeps (7 days)
 * @param format json or key_value
 * @param compress whether Mimecast should zip the file (less traffic; streamed either way)
 */
public record SiemLogsQuery(String token, SiemFileFormat format, boolean compress) {

  public SiemLogsQuery {
    Objects.requireNonNull(format, "format");
  }

  /** The first request of a new integration: JSON, compressed, no token. */
  public static SiemLogsQuery fromOldest() {
    return new SiemLogsQuery(null, SiemFileFormat.JSON, true);
  }

  public SiemLogsQuery withToken(String value) {
    return new SiemLogsQuery(value, format, compress);
  }
}
