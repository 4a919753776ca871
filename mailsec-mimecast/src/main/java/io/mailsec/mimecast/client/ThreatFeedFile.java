package io.mailsec.mimecast.client;

import java.io.Closeable;

/**
 * One answer of {@code get-feed}: a feed file whose records stream from the open response, or the
 * "no results" answer. Close it (or exhaust {@link #records()}).
 */
public final class ThreatFeedFile implements Closeable {
  private final String sentToken;
  private final String nextToken;
  private final boolean noResults;
  private final String fileName;
  private final RecordStream records;

  ThreatFeedFile(
      String sentToken,
      String nextToken,
      boolean noResults,
      String fileName,
      RecordStream records) {
    this.sentToken = sentToken;
    this.nextToken = nextToken;
    this.noResults = noResults;
    this.fileName = fileName;
    this.records = records;
  }

  /** {@code x-mc-threat-feed-next-token}: the id of this file, to send as the next token. */
  public String nextToken() {
    return nextToken;
  }

  /** True for Mimecast's "No results found for threat intel feed." answer (not an error). */
  public boolean noResults() {
    return noResults;
  }

  /**
   * True when no further file follows: no results, no next token, or the token that was sent came
   * back unchanged.
   */
  public boolean endOfFeed() {
    return noResults || nextToken == null || nextToken.equals(sentToken);
  }

  /** The file name from {@code Content-Disposition}, or null. */
  public String fileName() {
    return fileName;
  }

  /** CSV rows (each with the header) or STIX objects, streamed. */
  public RecordStream records() {
    return records;
  }

  @Override
  public void close() {
    records.close();
  }
}
