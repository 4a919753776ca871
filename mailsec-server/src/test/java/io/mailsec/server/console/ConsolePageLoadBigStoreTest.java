package io.mailsec.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.auth.AdminBootstrap;
import io.mailsec.server.web.QueryWarmer;
import io.mailsec.server.web.WebServer;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a check of a time limit: how long each console page takes to show its data
 * when the store holds millions of events (issue 7: under 1 s with 5 M events). Runs only with
 * {@code -Dmailsec.console.bigStore=<dir>}, a store directory as {@code mailsec-bench query --dir}
 * builds it; otherwise it is reported skipped with the reason. See docs/performance.md, "Console
 * page load, 5 M events", for the command.
 *
 * <p>The real {@link WebServer} serves a fresh data directory (users, no integrations) and reads
 * the big store through a read-only view ({@link LuceneEventStore#openReadOnly}), so the store is
 * never written. The server's clock is shifted so that its now is {@value #NOW_PROPERTY} (default:
 * the benchmark's ingest time, the end of its events' 30 days) and the pages' relative time ranges
 * cover the stored events. Each page is loaded {@value #LOADS_PROPERTY} times (default 5) in
 * headless Chromium. The server first runs its start-up warm-up as {@code serve} does ({@value
 * #SERVER_WARM_UP_PROPERTY} rounds of the dashboards' queries, default {@link
 * WebServer#DEFAULT_WARM_UP_ROUNDS}), and the loads begin when it has ended; then {@value
 * #WARMUP_PROPERTY} rounds load every page once (default 0: the measured loads are the first pages
 * a fresh server serves; a server that has run for a while has all its hot code compiled, which
 * these rounds stand for). A load is timed from navigation start to the page's data-ready mark; a
 * page's first load (in the first round) is reported apart. The slowest API call of the last load
 * (Resource Timing: queued in the browser, then server) tells server time from browser time, and
 * the CPU time each load cost this JVM and the browser tells who used the cores they share. Results
 * are printed and written to {@code target/console-page-load.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePageLoadBigStoreTest {
  static final String STORE_PROPERTY = "mailsec.console.bigStore";
  static final String NOW_PROPERTY = "mailsec.console.bigStore.now";
  static final String LOADS_PROPERTY = "mailsec.console.bigStore.loads";
  static final String WARMUP_PROPERTY = "mailsec.console.bigStore.warmup";
  static final String SERVER_WARM_UP_PROPERTY = "mailsec.console.bigStore.serverWarmUp";
  static final String BENCH_NOW = "2025-12-20T00:00:00Z";
  static final String TAEGIS_QUERY =
      "FROM email WHERE sensor_type = 'Mimecast' AND status = 'delivered'";
  static final String PASSWORD = "page-load-admin-password";

  DataDirectory data;
  EventStore store;
  WebServer server;
  Browser browser;
  String skipped;
  QueryWarmer.Outcome serverWarmUp;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    String storeDir = System.getProperty(STORE_PROPERTY, "");
    if (storeDir.isBlank()) {
      skipped = "Console page load SKIPPED: pass -D" + STORE_PROPERTY + "=<store directory>";
    } else if (!Files.isDirectory(Path.of(storeDir, "index"))) {
      skipped = "Console page load SKIPPED: " + storeDir + " holds no store (no index/ directory)";
    } else if (!Browser.available()) {
      skipped = Browser.SKIPPED;
    }
    if (skipped != null) {
      return; // reported by measured() on the test, so it counts as skipped, not as not run
    }
    Instant now = Instant.parse(System.getProperty(NOW_PROPERTY, BENCH_NOW));
    data = DataDirectory.open(dir);
    store = LuceneEventStore.openReadOnly(LuceneStoreConfig.defaults(Path.of(storeDir)));
    server =
        WebServer.builder(data)
            .store(store)
            .clock(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now)))
            .listen("127.0.0.1", 0)
            .warmUp(Integer.getInteger(SERVER_WARM_UP_PROPERTY, WebServer.DEFAULT_WARM_UP_ROUNDS))
            .build();
    AdminBootstrap.ensureAdmin(server.users(), Map.of(AdminBootstrap.PASSWORD_ENV, PASSWORD)::get);
    server.start();
    serverWarmUp = server.warmUp().get(10, TimeUnit.MINUTES);
    browser = Browser.open(server.baseUrl() + "/", "bigstore", false);
    ConsoleApi.logInOnAlerts(browser, "admin", PASSWORD);
  }

  @BeforeEach
  void measured() {
    if (skipped != null) {
      System.out.println(skipped);
      Assumptions.abort(skipped);
    }
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
      if (store != null) {
        store.close();
      }
      if (data != null) {
        data.close();
      }
    }
  }

  /**
   * One page's loads: data shown after each, the slowest API call of the last one, and the error
   * notices it showed (a measurement reports them rather than stopping).
   */
  record PageLoads(
      String page,
      long firstLoadMs,
      List<Long> dataShownMs,
      List<Long> serverCpuMs,
      List<Long> browserCpuMs,
      String slowestCall,
      List<String> errors) {
    long p50() {
      return median(dataShownMs);
    }

    static long median(List<Long> values) {
      List<Long> sorted = values.stream().sorted().toList();
      return sorted.get((sorted.size() - 1) / 2);
    }

    long max() {
      return dataShownMs.stream().mapToLong(Long::longValue).max().orElseThrow();
    }
  }

  @Test
  void timeEveryPage() throws Exception {
    int loads = Integer.getInteger(LOADS_PROPERTY, 5);
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("dashboards 24h", "#/dashboards");
    pages.put("dashboards 7d", "#/dashboards?range=7d");
    pages.put(
        "search 24h", "#/search?q=" + URLEncoder.encode(TAEGIS_QUERY, StandardCharsets.UTF_8));
    pages.put(
        "search 7d aggregate",
        "#/search?range=7d&q="
            + URLEncoder.encode(
                "FROM email | aggregate count by sender_domain | sort count desc | head 10",
                StandardCharsets.UTF_8));
    pages.put("event", "#/event/" + URLEncoder.encode(anEventId(), StandardCharsets.UTF_8));
    pages.put("alerts", "#/alerts");
    pages.put("rules", "#/rules");
    pages.put("intel", "#/intel");
    pages.put("integrations", "#/integrations");

    int warmup = Integer.getInteger(WARMUP_PROPERTY, 0);
    Map<String, Long> firstLoads = new LinkedHashMap<>();
    for (int round = 0; round < warmup; round++) {
      for (Map.Entry<String, String> page : pages.entrySet()) {
        firstLoads.putIfAbsent(page.getKey(), loadOnce(page.getValue()));
      }
      System.out.println("warm-up round " + (round + 1) + " of " + warmup + " done");
    }
    List<PageLoads> results = new ArrayList<>();
    for (Map.Entry<String, String> page : pages.entrySet()) {
      List<Long> shown = new ArrayList<>();
      List<Long> serverCpu = new ArrayList<>();
      List<Long> browserCpu = new ArrayList<>();
      for (int i = 0; i < loads; i++) {
        long jvmBefore = CpuTime.thisJvmMs();
        long browserBefore = CpuTime.browserMs();
        shown.add(loadOnce(page.getValue()));
        serverCpu.add(CpuTime.thisJvmMs() - jvmBefore);
        browserCpu.add(CpuTime.browserMs() - browserBefore);
      }
      firstLoads.putIfAbsent(page.getKey(), shown.get(0));
      browser.screenshot(page.getKey().replace(' ', '-'));
      List<String> errors =
          browser.all("[data-test=notice-error]").stream()
              .map(e -> e.getText().replace('\n', ' '))
              .toList();
      PageLoads result =
          new PageLoads(
              page.getKey(),
              firstLoads.get(page.getKey()),
              shown,
              serverCpu,
              browserCpu,
              slowestApiCall(),
              errors);
      System.out.println(result); // progress, and what a failing page said
      results.add(result);
    }
    String report = report(results, loads, warmup);
    System.out.print(report);
    Files.writeString(Path.of("target", "console-page-load.txt"), report);
  }

  /** Loads a page in full and waits for its data; returns the ms until the data was shown. */
  private long loadOnce(String route) {
    browser.load(route);
    browser.waitReady(Duration.ofSeconds(120));
    long ms = ((Number) browser.timings().get("dataShown")).longValue();
    assertThat(ms).as("the page marked its data shown").isNotNegative();
    return ms;
  }

  private String anEventId() {
    List<Event> one =
        store
            .search(new SearchRequest(EventQuery.all().withSchemas("email"), List.of(), 1, null))
            .events();
    assertThat(one).as("the big store holds email events").isNotEmpty();
    return one.get(0).id();
  }

  /**
   * The API call of the current page that took longest, as "path ms (queued ms, server ms; n
   * calls)": queued is the time the browser held the request back (it opens few connections per
   * host), server the time from sending the request to the first byte of the answer.
   */
  private String slowestApiCall() {
    Object slowest =
        browser.script(
            "const calls = performance.getEntriesByType('resource')"
                + "  .filter(e => e.name.includes('/api/v1/') && !e.name.endsWith('/auth/me'));"
                + "if (!calls.length) return '-';"
                + "const s = calls.reduce((a, b) => a.duration >= b.duration ? a : b);"
                + "return new URL(s.name).pathname.replace('/api/v1/', '') + ' '"
                + "  + Math.round(s.duration) + ' ms (queued ' + Math.round(s.requestStart - s.startTime)"
                + "  + ', server ' + Math.round(s.responseStart - s.requestStart) + '; '"
                + "  + calls.length + ' calls)';");
    return String.valueOf(slowest);
  }

  private String report(List<PageLoads> results, int loads, int warmup) throws IOException {
    long events = store.count(EventQuery.all());
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Console page load, %,d stored events, %d loads per page after %d warm-up rounds (data"
                + " shown, ms from navigation start)%n"
                + "server's start-up warm-up: %d queries in %,d ms%s, before the first load%n",
            events,
            loads,
            warmup,
            serverWarmUp.queries(),
            serverWarmUp.took().toMillis(),
            serverWarmUp.failure() == null ? "" : " (stopped: " + serverWarmUp.failure() + ")"));
    out.append(
        String.format(
            Locale.ROOT,
            "%-20s %7s %7s %7s %7s %7s  %s%n",
            "page",
            "first",
            "p50",
            "max",
            "cpu-jvm",
            "cpu-brw",
            "slowest API call"));
    for (PageLoads r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-20s %7d %7d %7d %7d %7d  %s%n",
              r.page(),
              r.firstLoadMs(),
              r.p50(),
              r.max(),
              PageLoads.median(r.serverCpuMs()),
              PageLoads.median(r.browserCpuMs()),
              r.slowestCall()));
      r.errors().forEach(e -> out.append("    error shown: ").append(e).append('\n'));
    }
    out.append(
        "first: the page's first load in this JVM; p50, max: of the measured loads."
            + " cpu-jvm, cpu-brw: p50 of the CPU time per measured load (ms; load and wait) of this"
            + " JVM (server and test) and of the browser's processes, which share the machine's"
            + " cores.\n");
    return out.toString();
  }

  /** CPU time used so far, to tell what each load cost and who spent it. */
  static final class CpuTime {
    private CpuTime() {}

    static long thisJvmMs() {
      return ((com.sun.management.OperatingSystemMXBean)
                  ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime()
          / 1_000_000;
    }

    /**
     * User and system time of every process whose name contains "chrom" (the browser's processes
     * and chromedriver), from {@code /proc}; 0 where there is no {@code /proc}.
     */
    static long browserMs() {
      Path proc = Path.of("/proc");
      if (!Files.isDirectory(proc)) {
        return 0;
      }
      long ticks = 0;
      try (Stream<Path> processes = Files.list(proc)) {
        for (Path process : processes.toList()) {
          ticks += browserTicks(process);
        }
      } catch (IOException e) {
        return 0;
      }
      return ticks * 10; // USER_HZ is 100 on Linux
    }

    private static long browserTicks(Path process) {
      try {
        String stat = Files.readString(process.resolve("stat"));
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
          return 0;
        }
        if (!stat.substring(open + 1, close).toLowerCase(Locale.ROOT).contains("chrom")) {
          return 0;
        }
        // after the name: state, ppid, ... utime is field 14 and stime field 15 of the line
        String[] fields = stat.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (IOException | RuntimeException e) {
        return 0; // not a process, or it ended meanwhile
      }
    }
  }
}
