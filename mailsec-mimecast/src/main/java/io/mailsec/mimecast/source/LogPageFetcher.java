package io.mailsec.mimecast.source;

import io.mailsec.mimecast.client.LogPage;
import java.time.Instant;

/** One page of a windowed {@code /api/...} log endpoint (TTP logs, audit events). */
@FunctionalInterface
interface LogPageFetcher {

  /**
   * @param pageToken the previous page's next token, or null for the window's first page
   */
  LogPage fetch(Instant from, Instant to, int pageSize, String pageToken);
}
