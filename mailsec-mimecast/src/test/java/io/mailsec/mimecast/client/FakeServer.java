package io.mailsec.mimecast.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server with one scripted handler per path, recording every request. Used for the
 * client's transport behaviour that the simulator cannot be told to show exactly (stalls, precise
 * header values); the contract tests use the real simulator.
 */
final class FakeServer implements AutoCloseable {

  /** What a handler sees and answers. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange, int callNumber) throws Exception;
  }

  record Recorded(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();
  final List<Recorded> requests = new CopyOnWriteArrayList<>();

  FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  FakeServer on(String path, Handler handler) {
    handlers.put(path, handler);
    return this;
  }

  long count(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(
        new Recorded(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    int call = calls.merge(path, 1, Integer::sum);
    Handler handler = handlers.get(path);
    try {
      if (handler == null) {
        respond(exchange, 404, "application/json", "{\"fail\":[{\"code\":\"not_found\"}]}");
      } else {
        handler.handle(exchange, call);
      }
    } catch (Exception e) {
      // A handler that gives up (e.g. the client hung up) simply ends the exchange.
    } finally {
      exchange.close();
    }
  }

  static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  static void json(HttpExchange exchange, int status, String body) throws IOException {
    respond(exchange, status, "application/json", body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
