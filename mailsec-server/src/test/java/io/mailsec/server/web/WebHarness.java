package io.mailsec.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StreamId;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.auth.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real {@link WebServer} on a loopback port over a temporary data directory, with one user per
 * role, and an HTTP client that speaks to it as any of them (session with or without the CSRF
 * header, bearer token, or nobody).
 */
final class WebHarness implements AutoCloseable {
  static final String PASSWORD = "correct horse battery staple";

  final DataDirectory dir;
  final WebServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Every response body and header seen, for the secret-leak scan. */
  final java.util.List<String> transcript =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  private final Map<Role, Login> sessions = new LinkedHashMap<>();
  private final Map<Role, String> tokens = new LinkedHashMap<>();

  /** A logged-in session: the cookie and its CSRF token. */
  record Login(String cookie, String csrf) {}

  /** How a request authenticates. */
  sealed interface As {}

  record Nobody() implements As {}

  record SessionOf(Role role, boolean withCsrf) implements As {}

  record TokenOf(Role role) implements As {}

  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  WebHarness(Path root) {
    this(root, b -> b);
  }

  WebHarness(Path root, UnaryOperator<WebServer.Builder> customize) {
    this(DataDirectory.open(root), customize);
  }

  WebHarness(DataDirectory data, UnaryOperator<WebServer.Builder> customize) {
    dir = data;
    server = customize.apply(WebServer.builder(dir).listen("127.0.0.1", 0)).build();
    for (Role role : Role.values()) {
      server.users().add(role.id(), role, PASSWORD);
    }
    server.start();
  }

  /**
   * Commits the events as collection does, through detection, on the stream {@code demo/siem} at
   * checkpoint position {@code position}: the engine sees them and may raise alerts.
   */
  void collect(String position, List<Event> events) {
    dir.detection()
        .collectingStore()
        .commit(StoreBatch.of(new StreamId("demo", "siem"), events, Checkpoint.of("n", position)));
  }

  /**
   * An email event of the integration {@code demo}'s SIEM stream with the fields every stored event
   * needs; the caller adds the message id and what its rules look at.
   */
  static Event.Builder siemEmail(String id, Instant time, String eventType) {
    return Event.builder("email")
        .put("id", id)
        .put("tenant_id", "t")
        .put("sensor_type", "mimecast")
        .put("event_time", time)
        .put("event_type", eventType)
        .put("ingest.integration_id", "demo")
        .put("ingest.data_type", "siem")
        .put("ingest.time", time)
        .put("original_data", "{}");
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  Login login(Role role) {
    return sessions.computeIfAbsent(role, r -> loginAs(r.id(), PASSWORD));
  }

  Login loginAs(String user, String password) {
    Response r =
        send(
            "POST",
            "/api/v1/auth/login",
            body("username", user, "password", password),
            new Nobody());
    if (r.status() != 200) {
      throw new AssertionError("login failed: " + r.status() + " " + r.body());
    }
    String cookie =
        r.raw().headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(AccessControl.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    return new Login(cookie.substring(0, cookie.indexOf(';')), r.json().get("csrfToken").asText());
  }

  String token(Role role) {
    return tokens.computeIfAbsent(
        role, r -> server.tokens().create(r.id(), "test " + r.id()).value());
  }

  Response send(String method, String path, String body, As as) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (as instanceof SessionOf s) {
      Login login = login(s.role());
      b.header("Cookie", login.cookie());
      if (s.withCsrf()) {
        b.header(AccessControl.CSRF_HEADER, login.csrf());
      }
    } else if (as instanceof TokenOf t) {
      b.header("Authorization", "Bearer " + token(t.role()));
    }
    return send(b.build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> raw = http.send(request, HttpResponse.BodyHandlers.ofString());
      transcript.add(raw.headers().map() + "\n" + raw.body());
      return new Response(raw.statusCode(), raw.body(), raw);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Response get(String path, As as) {
    return send("GET", path, null, as);
  }

  Response post(String path, String body, As as) {
    return send("POST", path, body, as);
  }

  static As admin() {
    return new SessionOf(Role.ADMIN, true);
  }

  static As viewer() {
    return new SessionOf(Role.VIEWER, true);
  }

  static As analyst() {
    return new SessionOf(Role.ANALYST, true);
  }

  /** A JSON object of alternating names and values. */
  static String body(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    try {
      return Json.MAPPER.writeValueAsString(map);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    server.close();
    dir.close();
  }
}
