package io.mailsec.mimecast.source;

/**
 * Keys of {@link io.mailsec.core.source.SourceRecord#hints()} set by the Mimecast sources: facts
 * about a record's container that the record itself does not carry but normalization needs.
 */
public final class SourceHints {
  /**
   * SIEM over API 1.0: the log type taken from the name of the file (or zip entry) the record came
   * from, lower case, e.g. {@code receipt}, {@code jrnl}, {@code ttp_url}. Absent when the name
   * does not follow Mimecast's {@code <type>_<stamp>.<ext>} pattern.
   */
  public static final String SIEM_FILE_TYPE = "siemFileType";

  /** Threat intel: the feed type, {@code malware_customer} or {@code malware_grid}. */
  public static final String FEED_TYPE = "feedType";

  /**
   * Threat intel: the header row of the CSV file the row belongs to (pipe-delimited column names);
   * the record text is the row alone.
   */
  public static final String CSV_HEADER = "csvHeader";

  private SourceHints() {}
}
