package io.mailsec.mimecast.source;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.mimecast.client.AuditApi;
import io.mailsec.mimecast.client.AuditQuery;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Audit events ({@code POST /api/audit/get-audit-events}, API 1.0 and 2.0), all categories, in time
 * windows: see {@link WindowedLogReader} for the checkpoint and the windowing rules. Mimecast
 * returns each window newest first and that cannot be changed; paging a fixed window that ends
 * before now is still complete, because events newer than the page being read only shift later
 * pages (duplicates, absorbed by upsert), never hide them. Mimecast keeps 60 days: the part of the
 * look-back (or of a window after a long outage) older than that is clipped and recorded as a gap.
 */
public final class AuditSource implements Source {
  /** How long Mimecast keeps audit events. */
  static final Duration RETENTION = Duration.ofDays(60);

  private final WindowedLogReader reader;

  AuditSource(AuditApi api, SourceSettings settings) {
    Objects.requireNonNull(api, "api");
    this.reader =
        new WindowedLogReader(
            settings,
            "audit events",
            (from, to, pageSize, token) ->
                api.events(
                    AuditQuery.between(from, to).withPageSize(pageSize).withPageToken(token)),
            RETENTION);
  }

  @Override
  public SourceBatch poll(Optional<Checkpoint> checkpoint) {
    return reader.poll(checkpoint);
  }
}
