package io.mailsec.mimecast.client;

import java.util.List;

/**
 * Data Leak Prevention logs ({@code POST /api/dlp/get-logs}), on API 1.0 and 2.0 alike. The
 * endpoint shares the TTP logs' envelope: {@code data[0].from/to}, the log array in {@code
 * data[0].dlpLogs}, paging by {@code meta.pagination.pageToken}. Each call returns one page; follow
 * {@link LogPage#nextPageToken()} while {@link LogPage#hasMore()}.
 */
public final class DlpApi {
  private static final String ARRAY = "dlpLogs";

  private final ClientContext context;

  DlpApi(ClientContext context) {
    this.context = context;
  }

  public LogPage logs(DlpQuery query) {
    Endpoint endpoint = Endpoint.DLP_LOGS;
    ClientContext.JsonPage page =
        context.postEnvelope(
            endpoint,
            ClientContext.envelope(
                query.pageSize(),
                query.pageToken(),
                TtpApi.window(query.from(), query.to(), query.oldestFirst())));
    // data is [ { "dlpLogs": [...] } ], or [] when there is nothing.
    List<String> texts =
        Json.rawArrayElements(page.text(), endpoint.path() + " response", "data", 0, ARRAY);
    return TtpApi.logPage(page.tree(), ARRAY, texts);
  }
}
