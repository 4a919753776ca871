package io.mailsec.mimecast.client;

import java.io.Closeable;

/**
 * One answer of {@code get-siem-logs}: either a log file whose records stream from the open
 * response, or the "caught up" reply without records. Close it (or exhaust {@link #records()}).
 *
 * <p>Persist {@link #nextToken()} only after all records of the file are durably stored: it is the
 * only cursor, and re-sending an older token replays files.
 */
public final class SiemLogFile implements Closeable {
  private final String nextToken;
  private final boolean caughtUp;
  private final String fileName;
  private final RecordStream records;

  SiemLogFile(String nextToken, boolean caughtUp, String fileName, RecordStream records) {
    this.nextToken = nextToken;
    this.caughtUp = caughtUp;
    this.fileName = fileName;
    this.records = records;
  }

  /**
   * The token for the next call ({@code mc-siem-token}). For a caught-up reply without the header
   * it is the token that was sent; for a file without the header it is null.
   */
  public String nextToken() {
    return nextToken;
  }

  /** True when Mimecast has no newer file yet; poll again later with {@link #nextToken()}. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** The file name from {@code Content-Disposition} (a zip's name when compressed), or null. */
  public String fileName() {
    return fileName;
  }

  /**
   * The records, streamed. For a zip, {@link RawRecord#origin()} is the entry's file name, whose
   * prefix is the log type ({@code receipt_}, {@code ttp_url_}, ...).
   */
  public RecordStream records() {
    return records;
  }

  @Override
  public void close() {
    records.close();
  }
}
