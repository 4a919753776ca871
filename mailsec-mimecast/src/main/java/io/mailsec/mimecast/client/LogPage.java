package io.mailsec.mimecast.client;

import java.util.List;

/**
 * One page of a paged {@code /api/...} log endpoint (TTP logs, audit events).
 *
 * @param records the log entries verbatim ({@link RecordFormat#JSON}; origin = the response array,
 *     e.g. {@code clickLogs})
 * @param nextPageToken {@code meta.pagination.next}, or null on the last page
 * @param totalCount {@code meta.pagination.totalCount}, or null when absent
 */
public record LogPage(List<RawRecord> records, String nextPageToken, Integer totalCount) {

  public LogPage {
    records = List.copyOf(records);
  }

  /**
   * Whether Mimecast offers another page. A page can be empty and still carry a next token, also in
   * the middle of the data (the simulator does this), so an empty page alone does not end the
   * paging; callers should still stop after a few consecutive empty pages or a repeated token.
   */
  public boolean hasMore() {
    return nextPageToken != null;
  }
}
