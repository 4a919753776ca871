package io.mailsec.mimecast.source;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.mimecast.client.DlpApi;
import io.mailsec.mimecast.client.DlpQuery;
import java.util.Objects;
import java.util.Optional;

/**
 * Data Leak Prevention logs ({@code POST /api/dlp/get-logs}, API 1.0 and 2.0), oldest first, in
 * time windows like the TTP logs: see {@link WindowedLogReader} for the checkpoint ({@code from},
 * {@code to}, {@code pageToken}, ...) and the windowing rules. Mimecast's DLP retention is not
 * documented, so nothing is clipped.
 *
 * <p>DLP records carry no id. Re-reads (the windows overlap, a restarted window re-reads its first
 * pages) deliver the same record text again, and the event id is a hash of the record's canonical
 * content (see the normalizer's {@code EventIds}), so a repeat lands on the same event. No subset
 * of the fields is unique on its own: a message matching a policy logs one record per recipient,
 * and the same sender, recipient and policy recur across messages and seconds.
 */
public final class DlpLogSource implements Source {
  private final WindowedLogReader reader;

  DlpLogSource(DlpApi api, SourceSettings settings) {
    Objects.requireNonNull(api, "api");
    this.reader =
        new WindowedLogReader(
            settings,
            "DLP logs",
            (from, to, pageSize, token) ->
                api.logs(DlpQuery.between(from, to).withPageSize(pageSize).withPageToken(token)),
            null);
  }

  @Override
  public SourceBatch poll(Optional<Checkpoint> checkpoint) {
    return reader.poll(checkpoint);
  }
}
