package io.mailsec.mimecast.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsec.core.Secret;
import io.mailsec.mimecast.client.Api1Credentials;
import io.mailsec.mimecast.client.Api2Credentials;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.mimecast.client.RetryPolicy;
import io.mailsec.mimecast.client.Sleeper;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A small simulator on a hand-moved clock, and clients for it. The simulator and the sources share
 * {@link #clock}, which only tests move. The clients see that clock plus the time they have "slept"
 * in retries and rate-limit waits, so waits cost no wall time and never move the data.
 */
final class SimHarness implements AutoCloseable {
  /** An instant in the middle of a SIEM period and a feed hour. */
  static final Instant T0 = Instant.parse("2024-11-13T12:07:30.250Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  final MovableClock clock;
  final MimecastSimulator simulator;
  private final AtomicLong sleptMillis = new AtomicLong();
  private final Duration requestTimeout;

  private SimHarness(MovableClock clock, MimecastSimulator simulator, Duration requestTimeout) {
    this.clock = clock;
    this.simulator = simulator;
    this.requestTimeout = requestTimeout;
  }

  /** Seed 7, 400 messages a day, one day of history, no practical rate limit. */
  static SimHarness start() {
    return start(UnaryOperator.identity(), Duration.ofSeconds(5));
  }

  static SimHarness start(
      UnaryOperator<SimulatorOptions.Builder> options, Duration requestTimeout) {
    MovableClock clock = new MovableClock(T0);
    SimulatorOptions.Builder builder =
        SimulatorOptions.builder()
            .seed(7)
            .messagesPerDay(400)
            .history(Duration.ofDays(1))
            .rateLimitPerMinute(100_000)
            .clock(clock);
    try {
      MimecastSimulator simulator = MimecastSimulator.start(options.apply(builder).build());
      return new SimHarness(clock, simulator, requestTimeout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves the simulator's and the sources' time. */
  void advance(Duration duration) {
    clock.advance(duration);
  }

  Instant now() {
    return clock.instant();
  }

  MimecastClient client(boolean api2) {
    SimulatorCredentials credentials = simulator.credentials();
    Clock clientClock = new OffsetClock(clock, sleptMillis);
    Sleeper sleeper = duration -> sleptMillis.addAndGet(duration.toMillis());
    ClientSettings settings =
        ClientSettings.defaults()
            .withClock(clientClock)
            .withSleeper(sleeper)
            .withRetryPolicy(
                new RetryPolicy(
                    5, Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMinutes(15)))
            .withRequestTimeout(requestTimeout)
            .withReadIdleTimeout(requestTimeout);
    return MimecastClient.builder()
        .credentials(
            api2
                ? new Api2Credentials(
                    credentials.api2ClientId(), Secret.of(credentials.api2ClientSecret()))
                : new Api1Credentials(
                    credentials.api1AppId(),
                    Secret.of(credentials.api1AppKey()),
                    credentials.api1AccessKey(),
                    Secret.of(credentials.api1SecretKey())))
        .baseUrl(simulator.baseUrl())
        .rateBudgets(RateBudgets.create())
        .settings(settings)
        .build();
  }

  /** Every credential value the simulator accepts that must never appear in a checkpoint. */
  List<String> secretValues() {
    SimulatorCredentials c = simulator.credentials();
    return List.of(c.api1AppKey(), c.api1SecretKey(), c.api1Password(), c.api2ClientSecret());
  }

  /**
   * The ground truth's keys, each field as text ({@code GET /__sim/ground-truth?<query>}).
   *
   * @param query e.g. {@code type=siem} or {@code type=ttp-url&to=...}
   */
  Set<Map<String, String>> groundTruth(String query) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(simulator.baseUrl() + "/__sim/ground-truth?" + query))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("ground truth failed: " + response.body());
      }
      JsonNode root = JSON.readTree(response.body());
      Set<Map<String, String>> keys = new HashSet<>();
      for (JsonNode record : root.path("records")) {
        Map<String, String> key = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : record.path("key").properties()) {
          key.put(field.getKey(), field.getValue().asText());
        }
        keys.add(key);
      }
      if (keys.size() != root.path("count").asInt()) {
        throw new IllegalStateException("ground truth keys are not unique");
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void arm(String faultSpec) {
    simulator.faults().arm(faultSpec);
  }

  @Override
  public void close() {
    simulator.close();
  }

  /** A clock tests move by hand. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("tests use UTC");
    }
  }

  /** A clock that runs ahead of another by the time slept so far. */
  private static final class OffsetClock extends Clock {
    private final Clock base;
    private final AtomicLong offsetMillis;

    OffsetClock(Clock base, AtomicLong offsetMillis) {
      this.base = base;
      this.offsetMillis = offsetMillis;
    }

    @Override
    public Instant instant() {
      return base.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("tests use UTC");
    }
  }
}
