package io.mailsec.mimecast.client;

import java.time.LocalDate;
import java.util.List;

/**
 * A page of the SIEM 2.0 batch listing ({@code GET /siem/v1/batch/events/cg}).
 *
 * @param types event types ({@code receipt}, {@code url protect}, ...); empty for all
 * @param start first day (UTC) or null; Mimecast's cursor is day-granular
 * @param end last day (UTC) or null
 * @param pageSize files per page or null for Mimecast's default (clients use at most 100)
 * @param nextPage the previous page's {@code @nextPage}, or null for the first page
 */
public record SiemBatchQuery(
    List<String> types, LocalDate start, LocalDate end, Integer pageSize, String nextPage) {

  public SiemBatchQuery {
    types = types == null ? List.of() : List.copyOf(types);
  }

  public static SiemBatchQuery allTypes() {
    return new SiemBatchQuery(List.of(), null, null, null, null);
  }

  public SiemBatchQuery withPageSize(Integer value) {
    return new SiemBatchQuery(types, start, end, value, nextPage);
  }

  public SiemBatchQuery withNextPage(String value) {
    return new SiemBatchQuery(types, start, end, pageSize, value);
  }
}
