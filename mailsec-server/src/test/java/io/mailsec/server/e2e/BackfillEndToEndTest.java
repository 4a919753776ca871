package io.mailsec.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.LedgerQuery;
import io.mailsec.core.store.StreamId;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.server.collect.BackfillJobView;
import io.mailsec.server.collect.BackfillManager;
import io.mailsec.server.collect.BackfillRunner;
import io.mailsec.server.collect.BackfillState;
import io.mailsec.server.collect.Collector;
import io.mailsec.server.collect.MimecastClients;
import io.mailsec.server.collect.MimecastSourceProvider;
import io.mailsec.server.config.ApiVersion;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.server.secrets.SecretVault;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Backfill against the real simulator over loopback: live collection with a short look-back, then a
 * backfill of an older range stores exactly the simulator's ground truth of that range, leaves the
 * live checkpoints alone, and a second backfill of the same range stores nothing new (every record
 * is recognised as a duplicate).
 */
class BackfillEndToEndTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Duration HISTORY = Duration.ofDays(2);
  static final Instant FROM = NOW.minus(Duration.ofHours(40));
  static final Instant TO = NOW.minus(Duration.ofHours(14));

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void backfillStoresTheRangeOnceAndLeavesLiveCheckpointsAlone(ApiVersion api) throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SimulatorOptions options =
        SimulatorOptions.builder()
            .port(0)
            .seed(23)
            .messagesPerDay(150)
            .history(HISTORY)
            .rateLimitPerMinute(1_000_000)
            .clock(clock)
            .build();
    try (MimecastSimulator sim = MimecastSimulator.start(options);
        LuceneEventStore store =
            LuceneEventStore.open(LuceneStoreConfig.defaults(dir.resolve("store")))) {
      IntegrationConfig integration = integration(sim, api);
      MimecastClients clients =
          new MimecastClients(
              SecretVault.open(dir),
              RateBudgets.create(),
              ClientSettings.defaults().withClock(clock));
      // Live collection reads only the last 6 hours.
      try (Collector live =
          Collector.forIntegrations(
              List.of(integration), clients, new MimecastSourceProvider(clock), store, clock, 2)) {
        assertThat(live.collectOnce(Collector.ProgressListener.NONE).values())
            .noneMatch(Collector.StreamResult::failed);
      }
      Map<StreamId, Optional<Checkpoint>> liveCheckpoints = new HashMap<>();
      // SIEM 1.0 has no start date: live collection already read its whole retention.
      Map<String, Integer> liveInRange = new HashMap<>();
      for (DataType type : DataType.values()) {
        StreamId stream = new StreamId(integration.id(), type.id());
        liveCheckpoints.put(stream, store.checkpoint(stream));
        liveInRange.put(type.id(), eventsOf(store, integration.id(), type.id(), FROM, TO).size());
      }

      BackfillRunner runner =
          new BackfillRunner(clients, new MimecastSourceProvider(clock), store, clock);
      BackfillJobView first;
      try (BackfillManager manager =
          new BackfillManager(dir, id -> Optional.of(integration), runner, clock)) {
        first = runToEnd(manager, integration);
      }
      assertThat(first.state()).isEqualTo(BackfillState.DONE);

      for (BackfillJobView.TypeView t : first.types()) {
        String type = t.dataType();
        Set<String> expected = GroundTruth.fetch(sim.baseUrl(), type, FROM, TO.minusMillis(1));
        List<Event> stored = eventsOf(store, integration.id(), type, FROM, TO);
        Set<String> keys = GroundTruth.keysOf(type, stored);
        assertThat(expected).as("ground truth of %s in the range", type).isNotEmpty();
        assertThat(t.state()).as(type).isEqualTo(BackfillState.DONE);
        assertThat(t.progress()).as(type).isEqualTo(1.0);
        assertThat(keys).as("%s: one event per ground-truth key", type).hasSize(stored.size());
        assertThat(keys).as("%s: the range's ground truth", type).isEqualTo(expected);
        assertThat(t.eventsStored())
            .as("%s: new events counted", type)
            .isEqualTo(stored.size() - liveInRange.get(type));
        assertThat(t.duplicatesSkipped())
            .as("%s: events live collection had stored are skipped", type)
            .isGreaterThanOrEqualTo(liveInRange.get(type));
        assertThat(t.quarantined()).isZero();
        assertThat(t.gaps()).isZero();
        StreamId liveStream = new StreamId(integration.id(), type);
        assertThat(store.checkpoint(liveStream))
            .as("%s: live checkpoint untouched", type)
            .isEqualTo(liveCheckpoints.get(liveStream));
        assertThat(store.gaps(LedgerQuery.of(BackfillRunner.streamOf(integration.id(), type), 10)))
            .isEmpty();
      }
      long before = store.count(EventQuery.all());

      // The same range again: everything is known, nothing is written twice.
      BackfillJobView second;
      try (BackfillManager manager =
          new BackfillManager(dir, id -> Optional.of(integration), runner, clock)) {
        assertThat(manager.list(integration.id()))
            .extracting(BackfillJobView::id)
            .contains(first.id());
        second = runToEnd(manager, integration);
      }
      assertThat(second.state()).isEqualTo(BackfillState.DONE);
      for (BackfillJobView.TypeView t : second.types()) {
        BackfillJobView.TypeView earlier =
            first.types().stream().filter(x -> x.dataType().equals(t.dataType())).findFirst().get();
        assertThat(t.eventsStored()).as(t.dataType()).isZero();
        assertThat(t.duplicatesSkipped())
            .as("%s: every record recognised as stored", t.dataType())
            .isGreaterThanOrEqualTo(earlier.eventsStored());
      }
      assertThat(store.count(EventQuery.all())).isEqualTo(before);
    }
  }

  private static BackfillJobView runToEnd(BackfillManager manager, IntegrationConfig integration)
      throws InterruptedException {
    BackfillJobView job = manager.start(integration.id(), List.of(), FROM, TO, "test");
    assertThat(job.types()).hasSize(DataType.values().length);
    return manager.await(job.id(), 120_000).orElseThrow();
  }

  private IntegrationConfig integration(MimecastSimulator sim, ApiVersion api) {
    SecretVault vault = SecretVault.open(dir);
    SimulatorCredentials c = sim.credentials();
    boolean v2 = api == ApiVersion.V2;
    return new IntegrationConfig(
        "Sim",
        null,
        null,
        api,
        null,
        sim.baseUrl(),
        v2 ? null : c.api1AppId(),
        v2 ? null : vault.encrypt(c.api1AppKey()),
        v2 ? null : vault.encrypt(c.api1AccessKey()),
        v2 ? null : vault.encrypt(c.api1SecretKey()),
        v2 ? c.api2ClientId() : null,
        v2 ? vault.encrypt(c.api2ClientSecret()) : null,
        EnumSet.allOf(DataType.class),
        null,
        Duration.ofHours(6),
        Duration.ofMinutes(1),
        List.of(),
        List.of(),
        true,
        NOW);
  }

  private static List<Event> eventsOf(
      LuceneEventStore store, String integrationId, String type, Instant from, Instant to) {
    return StoredEvents.all(store, StoredEvents.ofStream(integrationId, type).between(from, to));
  }
}
