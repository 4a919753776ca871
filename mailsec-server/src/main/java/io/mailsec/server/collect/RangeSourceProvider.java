package io.mailsec.server.collect;

import io.mailsec.core.source.Source;
import io.mailsec.core.store.StreamId;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.server.config.IntegrationConfig;
import java.time.Instant;

/**
 * Creates a source that reads a past range, for backfills: started with an empty checkpoint it
 * begins at {@code from} and is caught up at {@code to} where the data type's paging allows (TTP,
 * audit and other windowed sources); sources that page by file or token (SIEM, threat feed) start
 * at or before {@code from} and may read on past {@code to} until caught up. The backfill drops
 * events outside the range.
 */
@FunctionalInterface
public interface RangeSourceProvider {
  Source create(
      IntegrationConfig integration,
      DataType type,
      MimecastClient client,
      StreamId stream,
      Instant from,
      Instant to);
}
