package io.mailsec.server.collect;

import io.mailsec.core.source.Source;
import io.mailsec.core.store.StreamId;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.mimecast.source.MimecastSources;
import io.mailsec.mimecast.source.SourceSettings;
import io.mailsec.server.config.IntegrationConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Creates the Mimecast source of each data type (see {@code io.mailsec.mimecast.source}). */
public final class MimecastSourceProvider implements SourceProvider, RangeSourceProvider {
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

  /**
   * A source whose clock stands still just after {@code to}: its look-back starts exactly at {@code
   * from} and its live edge (now minus the settle delay) is {@code to}, so windowed sources read
   * exactly the range and report caught up at its end. Checkpoints and gaps of such a source carry
   * the frozen time; the backfill records gaps with the real time.
   */
  @Override
  public Source create(
      IntegrationConfig integration,
      DataType type,
      MimecastClient client,
      StreamId stream,
      Instant from,
      Instant to) {
    Duration settle = SourceSettings.DEFAULT_SETTLE_DELAY;
    SourceSettings settings =
        SourceSettings.of(stream, Duration.between(from, to).plus(settle))
            .withFeedTypes(integration.feedTypes())
            .withClock(Clock.fixed(to.plus(settle), ZoneOffset.UTC));
    return MimecastSources.create(type.id(), client, settings);
  }
}
