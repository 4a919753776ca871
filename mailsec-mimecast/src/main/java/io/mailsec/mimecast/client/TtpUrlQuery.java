package io.mailsec.mimecast.client;

import java.time.Instant;

/**
 * A page of TTP URL click logs.
 *
 * @param from window start (inclusive), or null for Mimecast's default (start of today)
 * @param to window end, or null for now
 * @param oldestFirst true to page from the oldest entry (collectors checkpoint that way)
 * @param route {@code all}, {@code inbound}, {@code outbound}, {@code internal}, or null
 * @param scanResult {@code all}, {@code clean}, {@code malicious}, or null
 * @param pageSize entries per page, or null
 * @param pageToken the previous page's {@link LogPage#nextPageToken()}, or null
 */
public record TtpUrlQuery(
    Instant from,
    Instant to,
    boolean oldestFirst,
    String route,
    String scanResult,
    Integer pageSize,
    String pageToken) {

  /** All routes and results in the window, oldest first. */
  public static TtpUrlQuery between(Instant from, Instant to) {
    return new TtpUrlQuery(from, to, true, null, null, null, null);
  }

  public TtpUrlQuery withPageSize(Integer value) {
    return new TtpUrlQuery(from, to, oldestFirst, route, scanResult, value, pageToken);
  }

  public TtpUrlQuery withPageToken(String value) {
    return new TtpUrlQuery(from, to, oldestFirst, route, scanResult, pageSize, value);
  }
}
