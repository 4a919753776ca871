package io.mailsec.server.collect;

import io.mailsec.core.source.Source;
import io.mailsec.core.store.StreamId;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.server.config.IntegrationConfig;

/** Creates the source of one stream of an integration. */
@FunctionalInterface
public interface SourceProvider {
  Source create(
      IntegrationConfig integration, DataType type, MimecastClient client, StreamId stream);
}
