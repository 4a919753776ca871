package io.mailsec.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.Secret;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.store.LedgerQuery;
import io.mailsec.core.store.StreamId;
import io.mailsec.mimecast.client.Api1Binding;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.LoginApi;
import io.mailsec.mimecast.client.PasswordKind;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.mimecast.client.RetryPolicy;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole collection path (real client, sources, normalizer, Lucene store) against the real
 * simulator over loopback, both API versions and every data type, compared with the simulator's
 * ground truth: every record is stored exactly once (or, for a record the simulator broke on
 * purpose, quarantined with its raw text), under each fault the simulator can inject.
 */
class ExactlyOnceEndToEndTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Duration HISTORY = Duration.ofDays(2);
  static final Duration SETTLE = Duration.ofSeconds(61);
  static final List<String> DATA_TYPES =
      List.of(
          "siem", "ttp-url", "ttp-attachment", "ttp-impersonation", "dlp", "threat-intel", "audit");

  @TempDir Path dir;

  @ParameterizedTest(name = "fault: {0}")
  @ValueSource(
      strings = {
        "none",
        "rate-limit:3",
        "server-error:3",
        "slow:2",
        "timeout:1",
        "truncated-gzip:2",
        "malformed-line:1",
        "expired-urls:2",
        "revoke-tokens:1",
        "expire-binding:1",
        "crash-and-resume"
      })
  void everyRecordIsStoredExactlyOnce(String fault) throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SimulatorOptions.Builder options =
        SimulatorOptions.builder()
            .port(0)
            .seed(11)
            .messagesPerDay(200)
            .history(HISTORY)
            .rateLimitPerMinute(1_000_000)
            // 200 messages a day leave DLP records to chance; a held DLP match makes sure there are
            .startupScenario("dlp-hold@" + NOW.minus(Duration.ofHours(20)))
            .clock(clock);
    if (!fault.equals("none") && !fault.equals("crash-and-resume")) {
      options.startupFault(fault);
    }
    try (MimecastSimulator sim = MimecastSimulator.start(options.build());
        LuceneEventStore store = LuceneEventStore.open(LuceneStoreConfig.defaults(dir))) {
      List<IntegrationConfig> integrations = integrations(sim);

      if (fault.equals("crash-and-resume")) {
        // A first process stops after a few batches per stream and is thrown away.
        try (Collector first = collector(integrations, store, clock)) {
          first.collectOnce(stopAfterBatches(first, 3));
        }
      }
      if (fault.startsWith("expire-binding")) {
        // An expired binding stops the API 1.0 streams with advice for the admin, who refreshes
        // the keys; collection then resumes from the checkpoints without loss.
        Map<StreamId, Collector.StreamResult> results;
        try (Collector collector = collector(integrations, store, clock)) {
          results = collector.collectOnce(Collector.ProgressListener.NONE);
        }
        assertThat(results)
            .allSatisfy(
                (stream, result) -> {
                  if (stream.integrationId().equals("sim1")) {
                    assertThat(result.failure()).contains("Never Expire");
                  } else {
                    assertThat(result.failed()).isFalse();
                  }
                });
        integrations = List.of(integrations.get(0), refreshedBinding(sim, integrations.get(1)));
      }
      for (int round = 0; round < 3; round++) {
        // Like the scheduler: a stream that failed on a transient fault runs again.
        try (Collector collector = collector(integrations, store, clock)) {
          if (collector.collectOnce(Collector.ProgressListener.NONE).values().stream()
              .noneMatch(Collector.StreamResult::failed)) {
            break;
          }
        }
      }

      for (IntegrationConfig integration : integrations) {
        for (String type : DATA_TYPES) {
          StreamId stream = new StreamId(integration.id(), type);
          Set<String> served = GroundTruth.fetch(sim.baseUrl(), type);
          // What the stream must have: everything from its look-back up to the sources' settle
          // delay (records of the last minute are collected on the next poll).
          Set<String> expected =
              GroundTruth.fetch(sim.baseUrl(), type, NOW.minus(HISTORY), NOW.minus(SETTLE));
          List<Event> stored = eventsOf(store, stream);
          Set<String> keys = GroundTruth.keysOf(type, stored);
          List<QuarantinedRecord> quarantined = store.quarantined(LedgerQuery.of(stream, 10_000));

          assertThat(expected).as("ground truth of %s is not empty", type).isNotEmpty();
          assertThat(keys)
              .as("%s: no record stored twice (one event per ground-truth key)", stream)
              .hasSize(stored.size());
          assertThat(served)
              .as("%s: nothing stored that the simulator did not serve", stream)
              .containsAll(keys);
          Set<String> missing = new HashSet<>(expected);
          missing.removeAll(keys);
          assertThat(missing.size())
              .as("%s: every missing record is quarantined (%s)", stream, missing)
              .isEqualTo(quarantined.size());
          if (!fault.startsWith("malformed-line")) {
            assertThat(quarantined)
                .as("%s: no quarantine without a broken record", stream)
                .isEmpty();
          }
          assertThat(store.gaps(LedgerQuery.of(stream, 10_000)))
              .as("%s: no gaps", stream)
              .isEmpty();
        }
      }
    }
  }

  private static Collector.ProgressListener stopAfterBatches(Collector collector, int batches) {
    Map<StreamId, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
    return (stream, outcome) -> {
      if (seen.merge(stream, 1, Integer::sum) >= batches) {
        collector.stop();
      }
    };
  }

  private Collector collector(
      List<IntegrationConfig> integrations, LuceneEventStore store, Clock clock) {
    ClientSettings settings =
        ClientSettings.defaults()
            .withClock(clock)
            .withRetryPolicy(
                new RetryPolicy(
                    6, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5)))
            .withRequestTimeout(Duration.ofSeconds(2))
            .withReadIdleTimeout(Duration.ofSeconds(2));
    MimecastClients clients =
        new MimecastClients(SecretVault.open(dir), RateBudgets.create(), settings);
    return Collector.forIntegrations(
        integrations, clients, new MimecastSourceProvider(clock), store, clock, 4);
  }

  private List<IntegrationConfig> integrations(MimecastSimulator sim) {
    SecretVault vault = SecretVault.open(dir);
    SimulatorCredentials c = sim.credentials();
    Set<DataType> all = EnumSet.allOf(DataType.class);
    IntegrationConfig api2 =
        new IntegrationConfig(
            "Sim2",
            null,
            null,
            ApiVersion.V2,
            null,
            sim.baseUrl(),
            null,
            null,
            null,
            null,
            c.api2ClientId(),
            vault.encrypt(c.api2ClientSecret()),
            all,
            null,
            HISTORY,
            Duration.ofMinutes(1),
            List.of(),
            List.of(),
            true,
            NOW);
    IntegrationConfig api1 =
        new IntegrationConfig(
            "Sim1",
            null,
            null,
            ApiVersion.V1,
            null,
            sim.baseUrl(),
            c.api1AppId(),
            vault.encrypt(c.api1AppKey()),
            vault.encrypt(c.api1AccessKey()),
            vault.encrypt(c.api1SecretKey()),
            null,
            null,
            all,
            null,
            HISTORY,
            Duration.ofMinutes(1),
            List.of(),
            List.of(),
            true,
            NOW);
    return List.of(api2, api1);
  }

  private IntegrationConfig refreshedBinding(MimecastSimulator sim, IntegrationConfig api1) {
    SimulatorCredentials c = sim.credentials();
    Api1Binding binding =
        LoginApi.create(c.api1AppId(), sim.baseUrl(), ClientSettings.defaults())
            .refreshBinding(
                sim.baseUrl(),
                c.api1Email(),
                Secret.of(c.api1Password()),
                PasswordKind.CLOUD,
                SecretVault.open(dir).resolve(api1.accessKey()).reveal());
    SecretVault vault = SecretVault.open(dir);
    return new IntegrationConfig(
        api1.name(),
        null,
        null,
        ApiVersion.V1,
        null,
        api1.baseUrl(),
        api1.appId(),
        api1.appKey(),
        vault.encrypt(binding.accessKey()),
        vault.encrypt(binding.secretKey().reveal()),
        null,
        null,
        api1.dataTypes(),
        null,
        HISTORY,
        Duration.ofMinutes(1),
        List.of(),
        List.of(),
        true,
        NOW);
  }

  private static List<Event> eventsOf(LuceneEventStore store, StreamId stream) {
    return StoredEvents.all(
        store, StoredEvents.ofStream(stream.integrationId(), stream.dataType()));
  }
}
