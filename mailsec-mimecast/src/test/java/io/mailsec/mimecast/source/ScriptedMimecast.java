package io.mailsec.mimecast.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailsec.core.Secret;
import io.mailsec.mimecast.client.Api2Credentials;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.MimecastClient;
import io.mailsec.mimecast.client.RateBudgets;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in that answers one API path with scripted JSON bodies, for the paging corner
 * cases the simulator does not produce on demand (an empty batch page that is not caught up, TTP
 * pages that stay empty). It also issues API 2.0 tokens. The contract tests use the simulator.
 */
final class ScriptedMimecast implements AutoCloseable {
  private final HttpServer server;
  private final String path;
  private final Deque<String> answers = new ArrayDeque<>();

  /** The query string (GET) or body (POST) of every call to the scripted path. */
  final List<String> requests = new CopyOnWriteArrayList<>();

  ScriptedMimecast(String path) {
    this.path = path;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/oauth/token", this::token);
    server.createContext(path, this::answer);
    server.start();
  }

  /** Queues the body of the next answer (HTTP 200, JSON). */
  ScriptedMimecast then(String json) {
    synchronized (answers) {
      answers.add(json);
    }
    return this;
  }

  MimecastClient client() {
    return MimecastClient.builder()
        .credentials(new Api2Credentials("scripted-client", Secret.of("scripted-secret")))
        .baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .rateBudgets(RateBudgets.create())
        .settings(ClientSettings.defaults().withSleeper(duration -> {}))
        .build();
  }

  private void token(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    send(exchange, "{\"access_token\":\"scripted\",\"token_type\":\"Bearer\",\"expires_in\":1799}");
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(exchange.getRequestMethod().equals("GET") ? String.valueOf(query) : body);
    String next;
    synchronized (answers) {
      next = answers.poll();
    }
    if (next == null) {
      throw new IllegalStateException("no scripted answer left for " + path);
    }
    send(exchange, next);
  }

  private static void send(HttpExchange exchange, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
