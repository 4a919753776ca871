package io.mailsec.mimecast.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A page of audit events. Mimecast keeps 60 days and returns newest first.
 *
 * @param start window start (required)
 * @param end window end (required)
 * @param categories category codes (from {@code get-categories}), empty for all
 * @param query free-text filter, or null
 * @param pageSize events per page, or null
 * @param pageToken the previous page's {@link LogPage#nextPageToken()}, or null
 */
public record AuditQuery(
    Instant start,
    Instant end,
    List<String> categories,
    String query,
    Integer pageSize,
    String pageToken) {

  public AuditQuery {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    categories = categories == null ? List.of() : List.copyOf(categories);
  }

  public static AuditQuery between(Instant start, Instant end) {
    return new AuditQuery(start, end, List.of(), null, null, null);
  }

  public AuditQuery withPageSize(Integer value) {
    return new AuditQuery(start, end, categories, query, value, pageToken);
  }

  public AuditQuery withPageToken(String value) {
    return new AuditQuery(start, end, categories, query, pageSize, value);
  }
}
