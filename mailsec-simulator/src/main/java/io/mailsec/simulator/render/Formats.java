package io.mailsec.simulator.render;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The time formats Mimecast mixes on the wire (mimecast-api.md §7.3). */
public final class Formats {
  private Formats() {}

  private static final DateTimeFormatter OFFSET_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT);
  private static final DateTimeFormatter ISO_MILLIS_Z =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * {@code 2021-10-16T14:45:34+0000}: TTP, audit and request/response dates of the 1.0 envelope.
   */
  public static String apiDate(Instant instant) {
    return OFFSET_SECONDS.format(instant.atZone(ZoneOffset.UTC));
  }

  /** {@code 2021-10-18T09:02:43+0100}: SIEM 1.0 {@code datetime}, in the account's zone. */
  public static String siemDatetime(Instant instant, ZoneId accountZone) {
    return OFFSET_SECONDS.format(instant.atZone(accountZone));
  }

  /** {@code 2024-06-05T11:50:06.389Z}: STIX, batch expiry, stream dates. */
  public static String isoMillis(Instant instant) {
    return ISO_MILLIS_Z.format(instant);
  }

  /** {@code 20211018093329655}: the stamp in file names. */
  public static String fileStamp(Instant instant) {
    return FILE_STAMP.format(instant);
  }

  /** {@code 2024-11-13}: batch date parameters. */
  public static String day(Instant instant) {
    return DAY.format(instant);
  }
}
