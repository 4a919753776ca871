package io.mailsec.server.collect;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.query.In;
import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.core.store.TermsBucket;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.normalize.MimecastNormalizer;
import io.mailsec.normalize.NormalizationResult;
import io.mailsec.server.config.IntegrationConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Re-collects one data type of an integration over a past range: fetch a batch from a {@link
 * RangeSourceProvider range source}, normalize it exactly as live collection does, keep the events
 * of the range that the store does not hold yet, and commit them with the batch's quarantined
 * records and gaps.
 *
 * <p>Backfills commit under their own stream, {@link #streamOf}, so they never move (or race with)
 * the checkpoint of the live stream; its quarantine entries and gaps show under that stream. Events
 * already stored (same event id, whichever stream stored them) are counted as duplicates and not
 * written again, so detection does not see them twice; if live collection stores one in the
 * meantime the store's upsert by id still keeps a single copy.
 */
public final class BackfillRunner {
  /** Suffix of the stream a backfill of a data type commits under. */
  public static final String STREAM_SUFFIX = "@backfill";

  private final MimecastClients clients;
  private final RangeSourceProvider sources;
  private final EventStore store;
  private final Clock clock;
  private final MimecastNormalizer normalizer = new MimecastNormalizer();

  /**
   * @param store the store live collection commits to (the detecting store of the data directory)
   */
  public BackfillRunner(
      MimecastClients clients, RangeSourceProvider sources, EventStore store, Clock clock) {
    this.clients = clients;
    this.sources = sources;
    this.store = store;
    this.clock = clock;
  }

  public static StreamId streamOf(String integrationId, String dataType) {
    return new StreamId(integrationId, dataType + STREAM_SUFFIX);
  }

  /**
   * Runs one type until its range is read or {@code cancelled} says so (checked after every
   * committed batch), passing the type's progress after every batch to {@code progress}. Returns
   * whether the range was read completely; a failure propagates with what was stored so far kept.
   */
  boolean run(
      IntegrationConfig integration,
      DataType type,
      BackfillJobView.TypeView start,
      Consumer<BackfillJobView.TypeView> progress,
      BooleanSupplier cancelled)
      throws Exception {
    StreamId stream = streamOf(integration.id(), type.id());
    RecordNormalizer records =
        new RecordNormalizer(normalizer, Collector.context(integration, type));
    BackfillJobView.TypeView view = start;
    Instant cursor = null;
    Optional<Checkpoint> checkpoint = Optional.empty();
    try (Source source =
        sources.create(
            integration,
            type,
            clients.forIntegration(integration),
            stream,
            start.from(),
            start.to())) {
      while (!cancelled.getAsBoolean()) {
        SourceBatch batch = source.poll(checkpoint);
        Instant now = clock.instant();
        Map<String, Event> inRange = new LinkedHashMap<>();
        long outside = 0;
        long delivered = 0;
        Instant newest = null;
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        for (SourceRecord record : batch.records()) {
          NormalizationResult result = records.normalize(record, now);
          for (Event event : result.events()) {
            Instant time = event.eventTime();
            if (time.isBefore(start.from()) || !time.isBefore(start.to())) {
              outside++;
              continue;
            }
            delivered++;
            inRange.put(event.id(), event);
            newest = newest == null || time.isAfter(newest) ? time : newest;
          }
          for (QuarantinedRecord q : result.quarantined()) {
            quarantined.add(
                new QuarantinedRecord(
                    q.tenantId(),
                    q.integrationId(),
                    stream.dataType(),
                    q.reason(),
                    q.raw(),
                    q.origin(),
                    q.time()));
          }
        }
        Set<String> known = storedIds(inRange.keySet());
        List<Event> fresh = new ArrayList<>();
        for (Event event : inRange.values()) {
          if (!known.contains(event.id())) {
            fresh.add(event);
          }
        }
        List<Gap> gaps = new ArrayList<>();
        for (Gap g : batch.gaps()) {
          gaps.add(new Gap(stream, g.from(), g.to(), g.file(), g.reason(), now));
        }
        store.commit(new StoreBatch(stream, fresh, quarantined, gaps, batch.next()));
        checkpoint = Optional.of(batch.next());
        cursor = BackfillProgress.cursor(batch.next(), newest, cursor);
        view =
            BackfillProgress.plus(
                view,
                BackfillProgress.fraction(start.from(), start.to(), cursor),
                fresh.size(),
                delivered - fresh.size(),
                outside,
                quarantined.size(),
                gaps.size());
        progress.accept(view);
        if (batch.caughtUp()) {
          return true;
        }
      }
      return false;
    }
  }

  /** Which of the ids the store already holds. */
  private Set<String> storedIds(Set<String> ids) {
    Set<String> known = new HashSet<>();
    List<Object> chunk = new ArrayList<>();
    for (String id : ids) {
      chunk.add(id);
      if (chunk.size() == SearchRequest.MAX_LIMIT) {
        collectKnown(chunk, known);
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      collectKnown(chunk, known);
    }
    return known;
  }

  private void collectKnown(List<Object> ids, Set<String> known) {
    EventQuery query = EventQuery.where(new In("id", List.copyOf(ids)));
    for (TermsBucket bucket : store.countBy(query, List.of("id"), ids.size())) {
      known.add(String.valueOf(bucket.key().get(0)));
    }
  }
}
