package io.mailsec.detect.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mailsec.core.Secret;
import io.mailsec.core.event.Event;
import io.mailsec.detect.rule.Severity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook against a loopback HTTP server that fails the first attempts. */
class AlertNotifierTest {
  private HttpServer server;
  private final AtomicInteger failFirst = new AtomicInteger();
  private final AtomicInteger failStatus = new AtomicInteger(503);
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> auth = new CopyOnWriteArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          attempts.incrementAndGet();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = failFirst.getAndDecrement() > 0 ? failStatus.get() : 204;
          if (status == 204) {
            bodies.add(body);
            auth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  private static Event alert() {
    AlertSpec spec =
        new AlertSpec(
            "r1", "Rule one", "d", Severity.HIGH, 80, List.of("T1566"), List.of(), "rule", false);
    return Alerts.create(
        spec, "k", "seed", "tenant-1", Instant.parse("2026-01-01T00:00:00Z"), Instant.EPOCH);
  }

  @Test
  void retriesServerErrorsThenDeliversOnce() throws Exception {
    failFirst.set(2);
    try (AlertNotifier notifier =
        new AlertNotifier(url(), () -> Secret.of("tok-123"), 5, Duration.ofMillis(10))) {
      Event alert = alert();
      assertThat(notifier.post(alert)).isTrue();
      assertThat(attempts.get()).isEqualTo(3);
      assertThat(bodies).hasSize(1);
      JsonNode body = new ObjectMapper().readTree(bodies.get(0));
      assertThat(body.path("type").asText()).isEqualTo("mailsec.alert.created");
      assertThat(body.path("alert").path("id").asText()).isEqualTo(alert.id());
      assertThat(body.path("alert").path("severity").asText()).isEqualTo("high");
      assertThat(auth).containsExactly("Bearer tok-123");
    }
  }

  @Test
  void givesUpAfterMaxAttemptsAndDoesNotRetryClientErrors() {
    failFirst.set(10);
    try (AlertNotifier notifier = new AlertNotifier(url(), null, 3, Duration.ofMillis(5))) {
      assertThat(notifier.post(alert())).isFalse();
      assertThat(attempts.get()).isEqualTo(3);
      attempts.set(0);
      failStatus.set(400);
      assertThat(notifier.post(alert())).isFalse();
      assertThat(attempts.get()).isEqualTo(1);
    }
  }

  @Test
  void aTokenFileThatCannotBeReadFailsTheAttemptAndIsReadAgainOnRetry(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("token");
    try (AlertNotifier notifier =
        new AlertNotifier(url(), BearerToken.fromFile(file), 2, Duration.ofMillis(5))) {
      assertThat(notifier.post(alert())).as("no file").isFalse();
      Files.writeString(file, "  \n");
      assertThat(notifier.post(alert())).as("an empty file").isFalse();
      assertThat(attempts.get()).as("nothing was sent without a token").isZero();
      Files.writeString(file, "tok-file\n");
      assertThat(notifier.post(alert())).isTrue();
      assertThat(auth).containsExactly("Bearer tok-file");
    }
  }

  @Test
  void asyncNotificationsArriveInOrder() throws Exception {
    try (AlertNotifier notifier = new AlertNotifier(url(), null, 2, Duration.ofMillis(5))) {
      notifier.notifyAsync(alert());
      notifier.notifyAsync(alert());
    }
    assertThat(bodies).hasSize(2);
  }
}
