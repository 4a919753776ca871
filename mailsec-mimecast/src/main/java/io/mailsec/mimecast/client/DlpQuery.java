package io.mailsec.mimecast.client;

import java.time.Instant;

/**
 * A page of Data Leak Prevention logs. The endpoint documents no filters besides the window.
 *
 * @param from window start, or null
 * @param to window end, or null
 * @param oldestFirst true to page from the oldest entry
 * @param pageSize entries per page, or null
 * @param pageToken the previous page's {@link LogPage#nextPageToken()}, or null
 */
public record DlpQuery(
    Instant from, Instant to, boolean oldestFirst, Integer pageSize, String pageToken) {

  /** Everything in the window, oldest first. */
  public static DlpQuery between(Instant from, Instant to) {
    return new DlpQuery(from, to, true, null, null);
  }

  public DlpQuery withPageSize(Integer value) {
    return new DlpQuery(from, to, oldestFirst, value, pageToken);
  }

  public DlpQuery withPageToken(String value) {
    return new DlpQuery(from, to, oldestFirst, pageSize, value);
  }
}
