package io.mailsec.server.collect;

import io.mailsec.core.source.Source;
import io.mailsec.core.store.StreamId;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.mimecast.source.MimecastSources;
import io.mailsec.mimecast.source.SourceSettings;
import io.mailsec.server.config.IntegrationConfig;
import java.time.Clock;

/** Creates the Mimecast source of each data type (see {@code io.mailsec.mimecast.source}). */
public final class MimecastSourceProvider implements SourceProvider {
  private final Clock clock;

  public MimecastSourceProvider(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Source create(
      IntegrationConfig integration, DataType type, MimecastClient client, StreamId stream) {
    SourceSettings settings =
        SourceSettings.of(stream, integration.lookBack())
            .withFeedTypes(integration.feedTypes())
            .withClock(clock);
    return MimecastSources.create(type.id(), client, settings);
  }
}
