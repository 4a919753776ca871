package io.mailsec.mimecast.source;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.mimecast.client.TtpApi;
import io.mailsec.mimecast.client.TtpAttachmentQuery;
import io.mailsec.mimecast.client.TtpImpersonationQuery;
import io.mailsec.mimecast.client.TtpUrlQuery;
import java.util.Objects;
import java.util.Optional;

/**
 * TTP URL click, attachment protect or impersonation protect logs ({@code POST
 * /api/ttp/{url,attachment,impersonation}/get-logs}, API 1.0 and 2.0), all routes and results,
 * oldest first, in time windows: see {@link WindowedLogReader} for the checkpoint ({@code from},
 * {@code to}, {@code pageToken}, ...) and the windowing rules. Mimecast's TTP retention is not
 * documented, so nothing is clipped.
 */
public final class TtpLogSource implements Source {

  /** Which TTP log. */
  public enum Kind {
    URL("TTP URL logs"),
    ATTACHMENT("TTP attachment logs"),
    IMPERSONATION("TTP impersonation logs");

    private final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  private final Kind kind;
  private final WindowedLogReader reader;

  TtpLogSource(Kind kind, TtpApi api, SourceSettings settings) {
    this.kind = Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(api, "api");
    LogPageFetcher fetcher =
        switch (kind) {
          case URL ->
              (from, to, pageSize, token) ->
                  api.urlLogs(
                      TtpUrlQuery.between(from, to).withPageSize(pageSize).withPageToken(token));
          case ATTACHMENT ->
              (from, to, pageSize, token) ->
                  api.attachmentLogs(
                      TtpAttachmentQuery.between(from, to)
                          .withPageSize(pageSize)
                          .withPageToken(token));
          case IMPERSONATION ->
              (from, to, pageSize, token) ->
                  api.impersonationLogs(
                      TtpImpersonationQuery.between(from, to)
                          .withPageSize(pageSize)
                          .withPageToken(token));
        };
    this.reader = new WindowedLogReader(settings, kind.description, fetcher, null);
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public SourceBatch poll(Optional<Checkpoint> checkpoint) {
    return reader.poll(checkpoint);
  }
}
