package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.core.Secret;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The real simulator on loopback, sharing one {@link FakeTime} with the client: the simulator's
 * "now", token expiry and rate windows move exactly when the client waits, so retries and
 * throttling cost no wall time and the data does not shift under a test.
 */
final class SimulatorHarness implements AutoCloseable {
  static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

  final FakeTime time = new FakeTime(START);
  final MimecastSimulator simulator;
  final RateBudgets budgets = RateBudgets.create();
  private final HttpClient admin = HttpClient.newHttpClient();
  ClientSettings settings;

  private SimulatorHarness(UnaryOperator<SimulatorOptions.Builder> options) throws IOException {
    simulator =
        MimecastSimulator.start(
            options
                .apply(
                    SimulatorOptions.builder()
                        .port(0)
                        .seed(7)
                        .messagesPerDay(120)
                        .rateLimitPerMinute(100_000)
                        .clock(time))
                .build());
    settings =
        ClientSettings.defaults()
            .withClock(time)
            .withSleeper(time)
            .withRetryPolicy(
                new RetryPolicy(
                    4, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMinutes(5)))
            .withRequestTimeout(Duration.ofSeconds(10))
            .withReadIdleTimeout(Duration.ofSeconds(10));
  }

  static SimulatorHarness start() throws IOException {
    return new SimulatorHarness(builder -> builder);
  }

  static SimulatorHarness start(UnaryOperator<SimulatorOptions.Builder> options)
      throws IOException {
    return new SimulatorHarness(options);
  }

  SimulatorCredentials credentials() {
    return simulator.credentials();
  }

  Api1Credentials api1Credentials() {
    SimulatorCredentials c = credentials();
    return new Api1Credentials(
        c.api1AppId(), Secret.of(c.api1AppKey()), c.api1AccessKey(), Secret.of(c.api1SecretKey()));
  }

  Api2Credentials api2Credentials() {
    SimulatorCredentials c = credentials();
    return new Api2Credentials(c.api2ClientId(), Secret.of(c.api2ClientSecret()));
  }

  MimecastClient client(ApiCredentials credentials) {
    return MimecastClient.builder()
        .credentials(credentials)
        .baseUrl(simulator.baseUrl())
        .rateBudgets(budgets)
        .settings(settings)
        .build();
  }

  MimecastClient api1() {
    return client(api1Credentials());
  }

  MimecastClient api2() {
    return client(api2Credentials());
  }

  /** Both API versions, for tests of the {@code /api/...} endpoints that serve either. */
  MimecastClient client(boolean api2) {
    return api2 ? api2() : api1();
  }

  /** {@code GET /__sim/ground-truth?type=...}: every record the simulator holds right now. */
  JsonNode groundTruth(String type) {
    return Json.tree(adminCall("GET", "/__sim/ground-truth?type=" + type, null), "ground truth");
  }

  /** Arms a fault through the admin endpoint, as an operator of the simulator would. */
  void arm(String name, int times, String path) {
    String body =
        "{\"name\":\""
            + name
            + "\",\"times\":"
            + times
            + (path == null ? "" : ",\"path\":\"" + path + "\"")
            + "}";
    adminCall("POST", "/__sim/faults", body);
  }

  private String adminCall(String method, String pathAndQuery, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = admin.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + pathAndQuery + " -> " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    simulator.close();
  }
}
