package io.mailsec.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailsec.simulator.FaultType;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorFaults;
import io.mailsec.simulator.SimulatorOptions;
import io.mailsec.simulator.SimulatorScenarios;
import io.mailsec.simulator.data.SimulatedAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JDK's {@link HttpServer} with a bounded thread pool, one route per Mimecast
 * function, and the request pipeline every API call goes through:
 *
 * <ol>
 *   <li>transport faults ({@code timeout}, {@code slow}, {@code server-error});
 *   <li>the rate budget of the credential the request claims ({@code X-RateLimit-*} headers on
 *       every API response, 429 when spent or when the {@code rate-limit} fault fires);
 *   <li>authentication as the route demands: API 1.0 HMAC, API 2.0 bearer, or either;
 *   <li>the handler.
 * </ol>
 *
 * Download URLs and the {@code /__sim/} admin paths bypass authentication and rate limits.
 */
public final class SimulatorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
  private static final long SLOW_MILLIS = 2_000;
  private static final long TIMEOUT_HOLD_MILLIS = 30_000;
  private static final int POOL_SIZE = 32;

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, every small
    // response then waits for the client's delayed ACK (~40 ms). The property is read once, when
    // the first server is created, and only if nobody chose otherwise.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** Which authentication a route takes. */
  private enum Family {
    /** discover-authentication, login: their own credential checks. */
    LOGIN,
    /** /oauth/token: form credentials. */
    TOKEN,
    /** API 1.0 HMAC only (get-siem-logs). */
    API1,
    /** /api/... functions: HMAC or bearer. */
    EITHER,
    /** /siem/v1/...: bearer only. */
    API2
  }

  private record Route(String method, Family family, ApiHandler handler) {}

  private final SimContext context;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Route> routes = new HashMap<>();
  private final Api1Authenticator api1;
  private final RateLimiter rateLimiter;
  private final DownloadHandler downloads;
  private final AdminHandler admin;
  private final URI baseUrl;

  private SimulatorServer(
      SimulatorOptions options,
      SimulatedAccount account,
      SimulatorCredentials credentials,
      SimulatorFaults faultSwitches,
      SimulatorScenarios scenarios,
      FaultSwitch faults)
      throws IOException {
    this.context = new SimContext(options, account, credentials, faults);
    this.api1 =
        new Api1Authenticator(
            credentials.api1AppId(),
            credentials.api1AppKey(),
            context.bindings,
            options.clockSkewTolerance(),
            faults);
    this.rateLimiter = new RateLimiter(options.rateLimitPerMinute());
    this.downloads = new DownloadHandler(context);
    this.admin = new AdminHandler(context, faultSwitches, scenarios);
    registerRoutes();

    // Requests beyond the pool wait in the queue rather than run on the server's dispatcher
    // thread, so requests held by the timeout fault can never stall other connections.
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            POOL_SIZE,
            POOL_SIZE,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "mimecast-sim-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port());
    this.server = HttpServer.create(address, 128);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
    int port = server.getAddress().getPort();
    InetAddress bound = server.getAddress().getAddress();
    String host = bound.isAnyLocalAddress() ? "127.0.0.1" : bound.getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    this.baseUrl = URI.create("http://" + host + ":" + port);
    context.baseUrl(baseUrl.toString());
  }

  /** Binds and starts serving. */
  public static SimulatorServer start(
      SimulatorOptions options,
      SimulatedAccount account,
      SimulatorCredentials credentials,
      SimulatorFaults faultSwitches,
      SimulatorScenarios scenarios,
      FaultSwitch faults)
      throws IOException {
    return new SimulatorServer(options, account, credentials, faultSwitches, scenarios, faults);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void registerRoutes() {
    LoginHandlers login = new LoginHandlers(context);
    routes.put(
        "/api/login/discover-authentication", new Route("POST", Family.LOGIN, login::discover));
    routes.put("/api/login/login", new Route("POST", Family.LOGIN, login::login));
    routes.put("/oauth/token", new Route("POST", Family.TOKEN, new TokenHandler(context)::handle));
    routes.put(
        "/api/audit/get-siem-logs",
        new Route("POST", Family.API1, new SiemLogsHandler(context)::handle));
    routes.put(
        "/siem/v1/batch/events/cg",
        new Route("GET", Family.API2, new SiemBatchHandler(context)::handle));
    routes.put(
        "/siem/v1/events/cg",
        new Route("GET", Family.API2, new SiemStreamHandler(context)::handle));
    routes.put(
        "/api/ttp/url/get-logs",
        new Route(
            "POST", Family.EITHER, new TtpLogsHandler(context, TtpLogsHandler.Kind.URL)::handle));
    routes.put(
        "/api/ttp/attachment/get-logs",
        new Route(
            "POST",
            Family.EITHER,
            new TtpLogsHandler(context, TtpLogsHandler.Kind.ATTACHMENT)::handle));
    routes.put(
        "/api/ttp/impersonation/get-logs",
        new Route(
            "POST",
            Family.EITHER,
            new TtpLogsHandler(context, TtpLogsHandler.Kind.IMPERSONATION)::handle));
    routes.put(
        "/api/dlp/get-logs",
        new Route(
            "POST", Family.EITHER, new TtpLogsHandler(context, TtpLogsHandler.Kind.DLP)::handle));
    routes.put(
        "/api/ttp/threat-intel/get-feed",
        new Route("POST", Family.EITHER, new ThreatFeedHandler(context)::handle));
    routes.put(
        "/api/audit/get-audit-events",
        new Route("POST", Family.EITHER, new AuditEventsHandler(context)::handle));
  }

  // ------------------------------------------------------------------ request pipeline

  private void handle(HttpExchange exchange) {
    try {
      SimRequest request = read(exchange);
      SimResponse response = dispatch(request);
      if (response != null) {
        write(exchange, response);
      }
    } catch (IOException e) {
      LOG.debug("connection problem while serving {}", exchange.getRequestURI(), e);
    } catch (RuntimeException e) {
      LOG.warn("internal error serving {}", exchange.getRequestURI(), e);
      try {
        write(exchange, AdminHandler.error(500, "internal simulator error: " + e));
      } catch (IOException | RuntimeException ignored) {
        // the response may already have started; closing the exchange below is all we can do
      }
    } finally {
      exchange.close();
    }
  }

  /** Returns the response, or {@code null} to drop the connection without one. */
  private SimResponse dispatch(SimRequest request) throws IOException {
    String path = request.path();
    if (path.startsWith("/__sim/")) {
      return admin.handle(request);
    }
    boolean download = path.startsWith(SiemBatchHandler.DOWNLOAD_PREFIX);
    Route route = routes.get(path);
    if (route == null && !download) {
      return SimResponse.json(
          404,
          Envelopes.fail(404, "err_not_found", "No such function: " + path, null, false, null));
    }
    if (route != null && !route.method().equals(request.method())) {
      return SimResponse.json(
          405,
          Envelopes.fail(
              405, "err_method_not_allowed", "Use " + route.method(), null, false, null));
    }
    if (context.faults.fire(FaultType.TIMEOUT, path)) {
      context.pause(TIMEOUT_HOLD_MILLIS);
      return null;
    }
    if (context.faults.fire(FaultType.SLOW, path)) {
      context.pause(SLOW_MILLIS);
    }
    boolean gatewayShape = route != null && usesGatewayShape(route.family(), request);
    if (context.faults.fire(FaultType.SERVER_ERROR, path)) {
      return SimResponse.json(
          503,
          gatewayShape
              ? Envelopes.gateway("service_unavailable", "The service is temporarily unavailable")
              : Envelopes.fail(
                  503,
                  "err_service_unavailable",
                  "Service temporarily unavailable",
                  null,
                  true,
                  null));
    }
    Instant now = context.now();
    if (download) {
      return downloads.handle(request, now);
    }
    RateLimiter.Decision budget =
        rateLimiter.acquire(
            claimedIdentity(route.family(), request),
            now,
            context.faults.fire(FaultType.RATE_LIMIT, path));
    SimResponse response;
    if (!budget.allowed()) {
      response =
          SimResponse.json(
              429,
              gatewayShape
                  ? Envelopes.gateway("rate_limit_exceeded", "Too many requests")
                  : Envelopes.rateLimited1());
    } else {
      response = authenticateAndServe(route, request, now);
    }
    return response
        .withHeader("X-RateLimit-Limit", Integer.toString(budget.limit()))
        .withHeader("X-RateLimit-Remaining", Integer.toString(budget.remaining()))
        .withHeader("X-RateLimit-Reset", Long.toString(budget.resetMillis()));
  }

  private static boolean usesGatewayShape(Family family, SimRequest request) {
    return switch (family) {
      case TOKEN, API2 -> true;
      case EITHER -> bearerToken(request) != null;
      case LOGIN, API1 -> false;
    };
  }

  private SimResponse authenticateAndServe(Route route, SimRequest request, Instant now)
      throws IOException {
    AuthOutcome outcome = authenticate(route.family(), request, now);
    if (outcome.error() != null) {
      return outcome.error();
    }
    return route.handler().handle(request, outcome.caller(), now);
  }

  private AuthOutcome authenticate(Family family, SimRequest request, Instant now) {
    String bearer = bearerToken(request);
    return switch (family) {
      case LOGIN, TOKEN -> AuthOutcome.allowed(Caller.ANONYMOUS);
      case API2 ->
          bearer == null
              ? AuthOutcome.denied(
                  SimResponse.json(
                      401,
                      Envelopes.gateway(
                          "unauthorized", "A bearer token from /oauth/token is required")))
              : verifyBearer(bearer, request.path(), now);
      case API1 ->
          bearer == null
              ? api1.verify(request, now)
              : AuthOutcome.denied(
                  SimResponse.json(
                      404,
                      Envelopes.gateway(
                          "not_found",
                          "This function is API 1.0 only; use /siem/v1/batch/events/cg on API 2.0")));
      case EITHER ->
          bearer == null ? api1.verify(request, now) : verifyBearer(bearer, request.path(), now);
    };
  }

  private AuthOutcome verifyBearer(String token, String path, Instant now) {
    OAuthTokens.Check check = context.tokens.check(token, now);
    if (check.state() == OAuthTokens.State.VALID
        && context.faults.fire(FaultType.REVOKE_TOKENS, path)) {
      context.tokens.revokeAll();
      check = context.tokens.check(token, now);
    }
    return switch (check.state()) {
      case VALID -> AuthOutcome.allowed(new Caller(2, check.clientId()));
      case EXPIRED ->
          AuthOutcome.denied(
              SimResponse.json(
                  401,
                  Envelopes.gateway(
                      "token_expired", "The access token has expired or was revoked")));
      case UNKNOWN ->
          AuthOutcome.denied(
              SimResponse.json(
                  401, Envelopes.gateway("token_invalid", "The access token is not valid")));
    };
  }

  private static String bearerToken(SimRequest request) {
    String authorization = request.header("authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  /**
   * The budget a request spends: the credential it claims, checked or not (Mimecast counts failed
   * calls too). All bindings of the API 1.0 user share one budget; API 2.0 budgets are per client.
   */
  private String claimedIdentity(Family family, SimRequest request) {
    String authorization = request.header("authorization");
    return switch (family) {
      case TOKEN -> "api2:" + TokenHandler.clientIdOf(request);
      case LOGIN -> {
        String user = LoginHandlers.userOf(authorization);
        yield user != null
            ? "api1:" + user.toLowerCase(Locale.ROOT)
            : "app:" + request.header("x-mc-app-id");
      }
      default -> {
        String bearer = bearerToken(request);
        if (bearer != null) {
          String client = context.tokens.clientOf(bearer);
          yield client != null ? "api2:" + client : "api2:unknown-token";
        }
        Bindings.Binding binding =
            context.bindings.find(Api1Authenticator.accessKeyOf(authorization));
        yield binding != null
            ? "api1:" + binding.user.toLowerCase(Locale.ROOT)
            : "api1:unknown-key";
      }
    };
  }

  // ------------------------------------------------------------------ HTTP plumbing

  private static SimRequest read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    URI uri = exchange.getRequestURI();
    return new SimRequest(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        uri.getRawPath(),
        SimRequest.parseQuery(uri.getRawQuery()),
        headers,
        body);
  }

  private static void write(HttpExchange exchange, SimResponse response) throws IOException {
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    byte[] body = response.body();
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops listening, drops open connections and releases held requests promptly. */
  @Override
  public void close() {
    context.markClosing();
    server.stop(0);
    executor.shutdownNow();
    LOG.info("Mimecast simulator on {} stopped", baseUrl);
  }
}
