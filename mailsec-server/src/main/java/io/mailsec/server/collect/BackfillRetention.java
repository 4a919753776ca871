package io.mailsec.server.collect;

import java.time.Duration;
import java.util.Map;

/**
 * How far back Mimecast still serves each data type (API reference §7.1), which bounds what a
 * backfill can re-collect. A data type not listed (TTP, DLP and any type added later) gets {@link
 * #UNDOCUMENTED}: Mimecast documents no window and the Sentinel connectors read 60 days back.
 */
public final class BackfillRetention {
  /** The window assumed for data types whose retention Mimecast does not document. */
  public static final Duration UNDOCUMENTED = Duration.ofDays(60);

  /**
   * Kept clear of the retention edge, so that data does not age out between the check and the
   * request (the audit source clips its windows by the same margin).
   */
  public static final Duration EDGE_MARGIN = Duration.ofMinutes(10);

  private static final Map<String, Duration> KNOWN =
      Map.of(
          // SIEM 2.0 batch files and SIEM 1.0 files: 7 days (the 24 h of the 2.0 stream endpoint
          // do not apply: mailsec reads batches).
          "siem", Duration.ofDays(7),
          "threat-intel", Duration.ofDays(7),
          "audit", Duration.ofDays(60));

  private BackfillRetention() {}

  /** The retention window of a data type id. */
  public static Duration of(String dataType) {
    return KNOWN.getOrDefault(dataType, UNDOCUMENTED);
  }

  /** Whether Mimecast documents the window of this data type (else it is an assumption). */
  public static boolean documented(String dataType) {
    return KNOWN.containsKey(dataType);
  }
}
