package io.mailsec.server.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.mailsec.core.Secret;
import io.mailsec.core.store.EventStore;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.auth.AuditLog;
import io.mailsec.server.auth.LoginThrottle;
import io.mailsec.server.auth.SessionManager;
import io.mailsec.server.auth.TokenStore;
import io.mailsec.server.auth.UserStore;
import io.mailsec.server.collect.BackfillManager;
import io.mailsec.server.collect.BackfillRunner;
import io.mailsec.server.collect.CollectorSupervisor;
import io.mailsec.server.collect.MimecastClients;
import io.mailsec.server.collect.MimecastSourceProvider;
import io.mailsec.server.config.SavedSearchRepository;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP server of mailsec: the REST API under {@code /api/v1}, {@code /health}, {@code /metrics}
 * and the static console from the classpath directory {@code /console} at {@code /}.
 *
 * <p>Every route comes from a {@link RouteGroup} and is wrapped by its access rule (see {@link
 * AccessControl}); {@link #routes()} is the complete list. Every response carries the security
 * headers (CSP {@code default-src 'self'}, no framing, no sniffing, no referrer; HSTS with TLS),
 * API responses are not cached, and every failure is the contract's JSON error (see {@link
 * ErrorMapping}).
 *
 * <p>Build with {@link #builder(DataDirectory)}, then {@link #start()}; {@link #close()} stops it.
 * The server does not own the data directory, the store or the collectors.
 */
public final class WebServer implements AutoCloseable {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8480;

  /** Rounds of the start-up warm-up that {@code serve} and {@code demo} run (see QueryWarmer). */
  public static final int DEFAULT_WARM_UP_ROUNDS = 10;

  /** Bodies larger than this are refused with 413 before any handler reads them. */
  static final long MAX_BODY_BYTES = 1_000_000;

  static final String CSP =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self';"
          + " object-src 'none'";

  private final Services services;
  private final String host;
  private final int port;
  private final Path keystore;
  private final Secret keystorePassword;
  private final List<Route> routes;
  private final BackfillRoutes backfillRoutes;
  private final int warmUpRounds;
  private Javalin app;
  private QueryWarmer warmer;

  private WebServer(Builder b, Services services) {
    this.services = services;
    this.host = b.host;
    this.port = b.port;
    this.keystore = b.keystore;
    this.keystorePassword = b.keystorePassword;
    this.warmUpRounds = b.warmUpRounds;
    RouteTable table = new RouteTable();
    List<RouteGroup> groups = new ArrayList<>();
    groups.add(
        new SystemRoutes(services, b.metricsPublic, () -> OpenApi.document(routes(), version())));
    groups.add(new AuthRoutes(services));
    groups.add(new SearchRoutes(services));
    groups.add(new DashboardRoutes(services));
    groups.add(new EventRoutes(services));
    groups.add(new IntegrationRoutes(services));
    groups.add(new UserRoutes(services));
    groups.add(new TokenRoutes(services));
    groups.add(new AuditRoutes(services));
    groups.add(new AlertRoutes(services));
    groups.add(new RuleRoutes(services));
    backfillRoutes = new BackfillRoutes(services, () -> backfills(b, services));
    groups.add(backfillRoutes);
    groups.addAll(b.extraGroups);
    groups.forEach(g -> g.addTo(table));
    this.routes = table.routes();
  }

  public static Builder builder(DataDirectory dir) {
    return new Builder(dir);
  }

  /** Starts listening; returns this server. */
  public synchronized WebServer start() {
    if (app != null) {
      throw new IllegalStateException("already started");
    }
    AccessControl access = new AccessControl(services.sessions(), services.tokens());
    app = Javalin.create(cfg -> configure(cfg, access));
    if (keystore != null) {
      app.start();
    } else {
      app.start(host, port);
    }
    if (warmUpRounds > 0) {
      warmer = new QueryWarmer(services.store(), services.clock(), warmUpRounds).start();
    }
    return this;
  }

  /** The warm-up of the dashboards' queries; null when the server warms nothing. */
  synchronized QueryWarmer warmer() {
    return warmer;
  }

  /**
   * Completes when the start-up warm-up of the dashboards' queries has ended; at once (with no
   * queries) when the server warms nothing.
   */
  public synchronized CompletableFuture<QueryWarmer.Outcome> warmUp() {
    return warmer != null
        ? warmer.done()
        : CompletableFuture.completedFuture(new QueryWarmer.Outcome(0, Duration.ZERO, null));
  }

  private void configure(JavalinConfig cfg, AccessControl access) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
    cfg.http.maxRequestSize = MAX_BODY_BYTES;
    if (WebServer.class.getResource("/console/index.html") != null) {
      cfg.staticFiles.add(
          files -> {
            files.hostedPath = "/";
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
          });
    }
    if (keystore != null) {
      cfg.jetty.addConnector(
          (server, http) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
            ssl.setKeyStorePassword(keystorePassword.reveal());
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients reach a self-hosted server by IP or another name than the certificate's.
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            ServerConnector connector =
                new ServerConnector(
                    server,
                    new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(https));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
          });
    }
    cfg.routes.before(this::securityHeaders);
    for (Route route : routes) {
      cfg.routes.addHttpHandler(route.method(), route.path(), access.guard(route));
    }
    ErrorMapping.install(cfg);
  }

  private void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    if (services.tls()) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  /** The port listened on (the actual one when 0 was asked for). */
  public int port() {
    return app.port();
  }

  /** E.g. {@code http://127.0.0.1:8480}. */
  public URI baseUrl() {
    String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    if (shownHost.contains(":")) {
      shownHost = "[" + shownHost + "]";
    }
    return URI.create((services.tls() ? "https" : "http") + "://" + shownHost + ":" + port());
  }

  /** Every route of this server, in registration order. */
  public List<Route> routes() {
    return routes;
  }

  public UserStore users() {
    return services.users();
  }

  public TokenStore tokens() {
    return services.tokens();
  }

  public SessionManager sessions() {
    return services.sessions();
  }

  public AuditLog audit() {
    return services.audit();
  }

  /** The method and path of every handler registered with Javalin (for tests of completeness). */
  public List<String> registeredEndpoints() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> e.endpoint.method.isHttpMethod())
        .map(e -> e.endpoint.method + " " + e.endpoint.path)
        .toList();
  }

  static String version() {
    String v = WebServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public synchronized void close() {
    if (warmer != null) {
      warmer.close();
      warmer = null;
    }
    if (app != null) {
      app.stop();
      app = null;
    }
    backfillRoutes.close();
  }

  /**
   * The builder's backfill manager, or one writing through the data directory's detecting store (as
   * live collection does) when the server collects; null otherwise.
   */
  private static BackfillManager backfills(Builder b, Services services) {
    if (b.backfills != null) {
      return b.backfills;
    }
    if (services.collectors() == null) {
      return null;
    }
    DataDirectory dir = services.dir();
    BackfillRunner runner =
        new BackfillRunner(
            services.clients(),
            new MimecastSourceProvider(Clock.systemUTC()),
            dir.detection().collectingStore(),
            Clock.systemUTC());
    return new BackfillManager(dir.root(), dir.integrations()::find, runner, services.clock());
  }

  /** Assembles a {@link WebServer}. */
  public static final class Builder {
    private final DataDirectory dir;
    private EventStore store;
    private CollectorSupervisor collectors;
    private MimecastClients clients;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Path keystore;
    private Secret keystorePassword;
    private boolean metricsPublic;
    private Clock clock = Clock.systemUTC();
    private Duration idle = SessionManager.DEFAULT_IDLE;
    private Duration absolute = SessionManager.DEFAULT_ABSOLUTE;
    private LoginThrottle throttle;
    private final List<RouteGroup> extraGroups = new ArrayList<>();
    private BackfillManager backfills;
    private int warmUpRounds;

    private Builder(DataDirectory dir) {
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The store to search (default: the data directory's writable store). */
    public Builder store(EventStore eventStore) {
      this.store = eventStore;
      return this;
    }

    /** The running collection, so integration changes take effect at once and health shows. */
    public Builder collectors(CollectorSupervisor supervisor) {
      this.collectors = supervisor;
      return this;
    }

    /** Runs the backfills (default: one built from the data directory when collectors are set). */
    public Builder backfills(BackfillManager manager) {
      this.backfills = manager;
      return this;
    }

    /** How "test connection" builds Mimecast clients (default: a fresh rate budget). */
    public Builder clients(MimecastClients mimecastClients) {
      this.clients = mimecastClients;
      return this;
    }

    /** Address to listen on; port 0 picks a free port. */
    public Builder listen(String listenHost, int listenPort) {
      this.host = listenHost;
      this.port = listenPort;
      return this;
    }

    /** Serve HTTPS only, with the key and certificate of a PKCS#12 (or JKS) keystore. */
    public Builder tls(Path keystoreFile, Secret password) {
      if (!Files.isReadable(keystoreFile)) {
        throw new IllegalArgumentException("cannot read the TLS keystore " + keystoreFile);
      }
      this.keystore = keystoreFile;
      this.keystorePassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Whether {@code /metrics} is open (for a Prometheus scraper without a token). */
    public Builder metricsPublic(boolean open) {
      this.metricsPublic = open;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public Builder sessionTimeouts(Duration idleTimeout, Duration absoluteTimeout) {
      this.idle = idleTimeout;
      this.absolute = absoluteTimeout;
      return this;
    }

    public Builder throttle(LoginThrottle loginThrottle) {
      this.throttle = loginThrottle;
      return this;
    }

    /** More endpoints (e.g. alerts and rules), secured like the built-in ones. */
    public Builder routes(RouteGroup group) {
      this.extraGroups.add(group);
      return this;
    }

    /**
     * After starting, run the dashboards' queries this many rounds in the background (default 0:
     * none); see {@link QueryWarmer}.
     */
    public Builder warmUp(int rounds) {
      if (rounds < 0) {
        throw new IllegalArgumentException("warm-up rounds must be 0 or more");
      }
      this.warmUpRounds = rounds;
      return this;
    }

    public WebServer build() {
      UserStore users =
          new UserStore(dir.root(), new io.mailsec.server.auth.PasswordHasher(), clock);
      Services services =
          new Services(
              dir,
              store != null ? store : dir.store(),
              collectors,
              clients != null
                  ? clients
                  : new MimecastClients(
                      dir.vault(), RateBudgets.create(), ClientSettings.defaults()),
              users,
              new SessionManager(users, clock, idle, absolute),
              new TokenStore(dir.root(), users, clock),
              new AuditLog(dir.root()),
              throttle != null ? throttle : new LoginThrottle(clock),
              new SavedSearchRepository(dir.root()),
              clock,
              keystore != null);
      return new WebServer(this, services);
    }
  }
}
