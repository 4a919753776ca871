package io.mailsec.mimecast.client;

import java.time.Instant;

/**
 * A page of TTP attachment protect logs.
 *
 * @param from window start, or null
 * @param to window end, or null
 * @param oldestFirst true to page from the oldest entry
 * @param route {@code all}, {@code inbound}, {@code outbound}, {@code internal}, or null
 * @param result {@code all}, {@code safe}, {@code malicious}, {@code timeout}, {@code error},
 *     {@code unsafe}, or null
 * @param pageSize entries per page, or null
 * @param pageToken the previous page's {@link LogPage#nextPageToken()}, or null
 */
public record TtpAttachmentQuery(
    Instant from,
    Instant to,
    boolean oldestFirst,
    String route,
    String result,
    Integer pageSize,
    String pageToken) {

  /** All routes and results in the window, oldest first. */
  public static TtpAttachmentQuery between(Instant from, Instant to) {
    return new TtpAttachmentQuery(from, to, true, null, "all", null, null);
  }

  public TtpAttachmentQuery withPageSize(Integer value) {
    return new TtpAttachmentQuery(from, to, oldestFirst, route, result, value, pageToken);
  }

  public TtpAttachmentQuery withPageToken(String value) {
    return new TtpAttachmentQuery(from, to, oldestFirst, route, result, pageSize, value);
  }
}
