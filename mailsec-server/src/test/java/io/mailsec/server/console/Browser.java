package io.mailsec.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by the system's chromedriver, for the console's browser tests. Both
 * are looked up on PATH, or on the directories of the system property {@value #PATH_PROPERTY} when
 * set (so the skip path can be tested with {@code -Dmailsec.browser.path=/nonexistent}); when
 * either is missing, {@link #assumeAvailable} fails the calling test's assumption so it counts as
 * skipped (never as passed) and prints why once per run. Screenshots of every step go to {@code
 * target/screenshots/}.
 */
final class Browser implements AutoCloseable {
  static final String PATH_PROPERTY = "mailsec.browser.path";
  static final String SKIPPED =
      "Browser tests SKIPPED: chromium/chromedriver not found on PATH;"
          + " install with apt-get install -y chromium chromium-driver";
  private static final AtomicBoolean TOLD = new AtomicBoolean();
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final String baseUrl;
  private int loads;
  private final String prefix;
  private final Path profile;
  private final boolean recordNetwork;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> consoleMessages = new ArrayList<>();
  private final List<StateChangingCall> stateChangingCalls = new ArrayList<>();
  private int step;

  private Browser(
      ChromeDriver driver, String baseUrl, String prefix, Path profile, boolean recordNetwork) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.prefix = prefix;
    this.profile = profile;
    this.recordNetwork = recordNetwork;
  }

  /** Whether Chromium and chromedriver are there. */
  static boolean available() {
    return chromium().isPresent() && chromedriver().isPresent();
  }

  /**
   * Aborts the calling test (skipped, not passed) unless Chromium and chromedriver are there. Call
   * it per test (e.g. in {@code @BeforeEach}): Surefire counts an abort in {@code @BeforeAll} as
   * zero tests run rather than as skipped tests.
   */
  static void assumeAvailable() {
    if (!available()) {
      if (TOLD.compareAndSet(false, true)) {
        System.out.println(SKIPPED);
      }
      Assumptions.abort(SKIPPED);
    }
  }

  private static Optional<Path> chromium() {
    return onPath("chromium", "chromium-browser", "google-chrome");
  }

  private static Optional<Path> chromedriver() {
    return onPath("chromedriver");
  }

  /**
   * Starts a browser for the console at baseUrl that records the page's network requests (see
   * {@link #stateChangingCalls}); screenshots are named prefix-NN-step.png.
   */
  static Browser open(String baseUrl, String prefix) throws IOException {
    return open(baseUrl, prefix, true);
  }

  /**
   * As {@link #open(String, String)}; without {@code recordNetwork} the driver does not log the
   * DevTools network events of every request, work a measurement of page loads must not include.
   */
  static Browser open(String baseUrl, String prefix, boolean recordNetwork) throws IOException {
    assumeAvailable();
    Optional<Path> chromium = chromium();
    Optional<Path> chromedriver = chromedriver();
    Path profile = Files.createTempDirectory("mailsec-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1440,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    if (recordNetwork) {
      logs.enable(LogType.PERFORMANCE, Level.ALL); // network events, for the CSRF header check
    }
    options.setCapability("goog:loggingPrefs", logs);
    // The driver found on PATH, so Selenium Manager never tries to download one.
    System.setProperty("webdriver.chrome.driver", chromedriver.get().toString());
    ChromeDriver driver = new ChromeDriver(options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Files.createDirectories(SCREENSHOTS);
    try (Stream<Path> old = Files.list(SCREENSHOTS)) {
      for (Path file :
          old.filter(f -> f.getFileName().toString().startsWith(prefix + "-")).toList()) {
        Files.delete(file); // screenshots of an earlier run would mix with this run's steps
      }
    }
    return new Browser(driver, baseUrl, prefix, profile, recordNetwork);
  }

  private static Optional<Path> onPath(String... names) {
    String path = System.getProperty(PATH_PROPERTY, System.getenv("PATH"));
    if (path == null) {
      return Optional.empty();
    }
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Opens a console route, e.g. "#/search?q=...", in one full page load, not a hash change. A URL
   * that differs from the current one only in its hash would not load the page, and a reload after
   * it would load the page twice (the first load's requests still run on the server), so each load
   * gets a URL of its own through a query string the console ignores.
   */
  void load(String route) {
    loads++;
    driver.get(baseUrl + "?load=" + loads + route);
  }

  /** Changes the hash route inside the loaded page (what a click on a link does). */
  void go(String route) {
    driver.executeScript(
        "location.hash = arguments[0]", route.startsWith("#") ? route : "#" + route);
  }

  WebElement waitFor(String css) {
    return waitFor(css, Duration.ofSeconds(20));
  }

  WebElement waitFor(String css, Duration timeout) {
    return new WebDriverWait(driver, timeout)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Waits until the current page says its data is shown (the router's data-ready). */
  void waitReady(Duration timeout) {
    new WebDriverWait(driver, timeout)
        .until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view[data-ready=true]")));
  }

  /**
   * Navigation Timing of the last full load plus the time until the page marked its data shown:
   * {domContentLoaded, load, dataShown} in milliseconds from the start of navigation.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> timings() {
    return (Map<String, Object>)
        driver.executeScript(
            "const n = performance.getEntriesByType('navigation')[0];"
                + "const r = performance.getEntriesByType('mark')"
                + "  .filter(m => m.name.startsWith('mailsec-ready:')).pop();"
                + "return {domContentLoaded: Math.round(n.domContentLoadedEventEnd),"
                + "  load: Math.round(n.loadEventEnd), dataShown: r ? Math.round(r.startTime) : -1,"
                + "  page: r ? r.name.substring(14) : ''};");
  }

  void printTimings(String what) {
    Map<String, Object> t = timings();
    System.out.printf(
        "Console page load %-12s DOMContentLoaded %5s ms, load %5s ms, data shown %5s ms%n",
        what, t.get("domContentLoaded"), t.get("load"), t.get("dataShown"));
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  void screenshot(String name) throws IOException {
    step++;
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", prefix, step, name)), png);
  }

  /** A request the page sent to the API with a method that changes state. */
  record StateChangingCall(String method, String url, boolean csrfHeader) {}

  /**
   * Moves the browser's console and network logs into this object; call it often, because the
   * driver hands out each entry only once.
   */
  void drainLogs() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER).getAll()) {
      consoleMessages.add(e.getMessage());
    }
    if (!recordNetwork) {
      return;
    }
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
      JsonNode message;
      try {
        message = JSON.readTree(e.getMessage()).path("message");
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      if (!message.path("method").asText().equals("Network.requestWillBeSent")) {
        continue;
      }
      JsonNode request = message.path("params").path("request");
      String method = request.path("method").asText();
      String url = request.path("url").asText();
      if (url.contains("/api/v1/") && !List.of("GET", "HEAD", "OPTIONS").contains(method)) {
        boolean csrf = false;
        for (Iterator<String> names = request.path("headers").fieldNames(); names.hasNext(); ) {
          csrf |= names.next().equalsIgnoreCase("X-CSRF-Token");
        }
        stateChangingCalls.add(new StateChangingCall(method, url, csrf));
      }
    }
  }

  /** Every POST/PUT/PATCH/DELETE the page sent to the API so far (see {@link #drainLogs}). */
  List<StateChangingCall> stateChangingCalls() {
    if (!recordNetwork) {
      throw new IllegalStateException("this browser was opened without recording the network");
    }
    drainLogs();
    return List.copyOf(stateChangingCalls);
  }

  /** Browser console messages about the Content Security Policy (the console must cause none). */
  List<String> cspViolations() {
    drainLogs();
    return consoleMessages.stream().filter(m -> m.contains("Content Security Policy")).toList();
  }

  /**
   * What every journey must keep: no Content Security Policy violation, and every state-changing
   * call but the login sent X-CSRF-Token.
   */
  void assertNoCspViolationAndCsrfSent() {
    assertThat(cspViolations()).as("no Content Security Policy violation").isEmpty();
    assertThat(stateChangingCalls())
        .as("every state-changing call but the login sent X-CSRF-Token")
        .allSatisfy(c -> assertThat(c.csrfHeader() || c.url().endsWith("/auth/login")).isTrue());
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
