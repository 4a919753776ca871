package io.mailsec.mimecast.client;

import java.time.Instant;
import java.util.List;

/**
 * A page of the SIEM 2.0 stream ({@code GET /siem/v1/events/cg}). The window must lie within the
 * last 24 hours (Mimecast answers 400 otherwise).
 *
 * @param types event types, empty for all
 * @param start window start, or null
 * @param end window end, or null
 * @param pageSize events per page, or null
 * @param nextPage the previous page's {@code @nextPage}, or null
 */
public record SiemStreamQuery(
    List<String> types, Instant start, Instant end, Integer pageSize, String nextPage) {

  public SiemStreamQuery {
    types = types == null ? List.of() : List.copyOf(types);
  }

  public SiemStreamQuery withPageSize(Integer value) {
    return new SiemStreamQuery(types, start, end, value, nextPage);
  }

  public SiemStreamQuery withNextPage(String value) {
    return new SiemStreamQuery(types, start, end, pageSize, value);
  }
}
