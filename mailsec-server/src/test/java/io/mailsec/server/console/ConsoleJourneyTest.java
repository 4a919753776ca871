package io.mailsec.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.ql.QueryError;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QuerySyntaxException;
import io.mailsec.server.web.WebServer;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console journey of issue 7 in a real browser against the real server: log in (after a wrong
 * password), add an integration against the simulator through the form, see it become Connected,
 * run a Taegis example query, open an event and its message timeline, view the dashboards, see a
 * query error at its position, log out, and as a viewer see no admin actions and have an admin call
 * refused. Page load times (Navigation Timing and the time until the data is shown) are printed;
 * screenshots land in {@code target/screenshots/}.
 *
 * <p>The server is the real {@link WebServer} wired as {@code mailsec serve} wires it (see {@link
 * JourneyServer}), with collection running while the console adds integrations. The alert part of
 * the journey is {@link AlertJourneyTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleJourneyTest {
  static final String ADMIN_PASSWORD = JourneyServer.ADMIN_PASSWORD;
  static final String VIEWER_PASSWORD = JourneyServer.VIEWER_PASSWORD;
  static final String TAEGIS_QUERY =
      "FROM email WHERE sensor_type = 'Mimecast' AND status = 'delivered'";

  JourneyServer journey;
  MimecastSimulator sim;
  Browser browser;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    if (!Browser.available()) {
      return; // every test is then reported skipped by needsTheBrowser
    }
    journey = new JourneyServer(dir, 300);
    sim = journey.sim;
    journey.serve(List.of()); // the journey adds its integration through the form
    browser = Browser.open(journey.consoleUrl(), "journey");
  }

  @BeforeEach
  void needsTheBrowser() {
    Browser.assumeAvailable();
  }

  @AfterEach
  void keepLogs() {
    if (browser != null) {
      browser.drainLogs();
    }
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        assertThat(browser.stateChangingCalls())
            .as("the journey changed state through the API")
            .hasSizeGreaterThan(5);
        browser.assertNoCspViolationAndCsrfSent();
      }
    } finally {
      JourneyServer.closeBoth(browser, journey);
    }
  }

  @Test
  @Order(1)
  void logInRejectsAWrongPasswordThenLandsOnTheDashboards() throws Exception {
    browser.load("#/integrations");
    browser.waitFor("[data-test=login-form]");
    browser.screenshot("login");
    logIn("admin", "not-the-password");
    assertThat(browser.waitFor("[data-test=login-error]").getText())
        .contains("Wrong user name or password");
    logIn("admin", ADMIN_PASSWORD);
    // The login page sends the user where they were going.
    browser.waitFor("[data-test=integration-list], [data-test=no-integrations]");
    assertThat(browser.find("[data-test=user-menu]").getText()).contains("admin");
  }

  @Test
  @Order(2)
  void addAnIntegrationThroughTheFormAndSeeItConnected() throws Exception {
    browser.go("#/integrations");
    browser.waitFor("[data-test=no-integrations]");
    browser.find("[data-test=add-integration]").click();
    browser.waitFor("[data-test=integration-form]");
    SimulatorCredentials c = sim.credentials();

    // Validation as you type: the name, then a GUID of API 1.0, then back to API 2.0.
    WebElement name = browser.find("[data-test=field-name]");
    name.sendKeys("Journey ");
    waitText("[data-test=error-name]", "leading or trailing spaces");
    name.sendKeys(Keys.BACK_SPACE);
    waitText("[data-test=error-name]", "");
    browser.find("[data-test=api-1\\.0]").click();
    assertThat(browser.find("[data-test=v1-fields]").isDisplayed()).isTrue();
    assertThat(browser.find("[data-test=v2-fields]").isDisplayed()).isFalse();
    browser.find("[data-test=field-appId]").sendKeys("not-a-guid");
    waitText("[data-test=error-appId]", "GUID");
    browser.screenshot("form-validation");
    browser.find("[data-test=api-2\\.0]").click();

    browser.find("[data-test=field-clientId]").sendKeys(c.api2ClientId());
    browser.find("[data-test=field-clientSecret]").sendKeys(c.api2ClientSecret());
    browser.find("[data-test=field-baseUrl]").sendKeys(sim.baseUrl().toString());
    WebElement lookBack = browser.find("[data-test=field-lookBack]");
    lookBack.clear();
    lookBack.sendKeys("1d");
    browser.find("[data-test=form-test-connection]").click();
    browser.waitFor("[data-test=test-results]", Duration.ofSeconds(60));
    List<WebElement> results = browser.all("[data-test=test-result]");
    assertThat(results).hasSize(7);
    assertThat(results).allSatisfy(r -> assertThat(r.getAttribute("data-ok")).isEqualTo("true"));
    browser.screenshot("form-test-connection");

    browser.find("[data-test=save-integration]").click();
    browser.waitFor("[data-test=integration][data-id=journey]");
    // Health refreshes every 10 s; the first poll of every stream makes it Connected.
    new WebDriverWait(browser.driver, Duration.ofSeconds(120))
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-test=integration][data-id=journey][data-state=CONNECTED]")));
    List<WebElement> streams = browser.all("[data-test=stream]");
    assertThat(streams).hasSize(7);
    assertThat(streams)
        .allSatisfy(s -> assertThat(s.getAttribute("data-state")).isEqualTo("CONNECTED"));
    browser.screenshot("integration-connected");
    browser.load("#/integrations");
    browser.waitReady(Duration.ofSeconds(20));
    browser.printTimings("integrations");
  }

  @Test
  @Order(3)
  void runTheTaegisExampleQueryWithSuggestions() throws Exception {
    browser.go("#/search");
    WebElement input = browser.waitFor("[data-test=query-input]");
    input.sendKeys("FROM email WHERE sender_dom");
    WebElement suggestion = browser.waitFor("[data-test=suggestion][data-value=sender_domain]");
    assertThat(suggestion.getText()).contains("keyword");
    browser.screenshot("search-suggestions");
    input.sendKeys(Keys.TAB);
    assertThat(input.getAttribute("value")).isEqualTo("FROM email WHERE sender_domain");

    input.clear();
    input.sendKeys(TAEGIS_QUERY, Keys.ENTER);
    browser.waitFor("[data-test=result-row]");
    assertThat(browser.find("[data-test=search-status]").getText()).contains("events matched");
    int statusColumn = columnIndex("status");
    for (WebElement row : browser.all("[data-test=result-row]")) {
      assertThat(row.findElements(By.tagName("td")).get(statusColumn).getText())
          .isEqualTo("delivered");
    }
    browser.screenshot("search-results");
    browser.load("#/search?q=" + java.net.URLEncoder.encode(TAEGIS_QUERY, "UTF-8"));
    browser.waitReady(Duration.ofSeconds(20));
    browser.printTimings("search");
  }

  @Test
  @Order(4)
  void openAnEventAndItsMessageTimeline() throws Exception {
    browser.waitFor("[data-test=result-row]");
    browser.find("[data-test=event-link]").click();
    browser.waitFor("[data-test=normalized-fields]");
    assertThat(browser.find("[data-test=field-row][data-field=status]").getText())
        .contains("delivered");
    assertThat(browser.find("[data-test=original-data]").getText()).isNotBlank();
    assertThat(browser.all("[data-test=pivot]")).isNotEmpty();
    new WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .until(d -> browser.all("[data-test=timeline-item]").size() >= 2);
    browser.screenshot("event-timeline");
    String url = browser.driver.getCurrentUrl();
    browser.load(url.substring(url.indexOf('#')));
    browser.waitReady(Duration.ofSeconds(20));
    browser.printTimings("event");
  }

  @Test
  @Order(5)
  void fieldsPipeColumnsThenAggregateAsTableAndChart() throws Exception {
    browser.go("#/search");
    WebElement input = browser.waitFor("[data-test=query-input]");
    input.clear();
    input.sendKeys("FROM email | fields status, sender_domain, event_time", Keys.ENTER);
    new WebDriverWait(browser.driver, Duration.ofSeconds(20))
        .until(
            d ->
                browser.all("[data-test=results-table] th").stream()
                    .map(WebElement::getText)
                    .toList()
                    .equals(List.of("status", "sender_domain", "event_time")));
    assertThat(browser.all("[data-test=result-row]")).isNotEmpty();
    input = browser.find("[data-test=query-input]");
    input.clear();
    input.sendKeys("FROM email | aggregate count by direction", Keys.ENTER);
    browser.waitFor("[data-test=aggregate-row]");
    assertThat(browser.find("[data-test=aggregate-chart]").findElements(By.tagName("rect")))
        .isNotEmpty();
    browser.screenshot("search-aggregate");
  }

  @Test
  @Order(6)
  void aQueryErrorIsShownAtItsPosition() throws Exception {
    String query = "FROM email WHERE from_email_adress = 'x'";
    QueryError expected;
    try {
      QueryLanguage.standard().plan(query, Instant.now());
      throw new AssertionError("the query should be invalid");
    } catch (QuerySyntaxException e) {
      expected = e.error();
    }
    browser.go("#/search");
    WebElement input = browser.waitFor("[data-test=query-input]");
    input.clear();
    input.sendKeys(query, Keys.ENTER);
    browser.waitFor("[data-test=query-error]");
    assertThat(browser.find("[data-test=query-error-position]").getText())
        .isEqualTo("Line " + expected.line() + ", column " + expected.column());
    assertThat(browser.find("[data-test=query-error-message]").getText())
        .isEqualTo(expected.message());
    assertThat(browser.find("[data-test=query-error-mark]").getAttribute("textContent"))
        .isEqualTo("from_email_adress");
    browser.screenshot("query-error");
  }

  @Test
  @Order(7)
  void dashboardsDrawEveryPanel() throws Exception {
    browser.load("#/dashboards");
    browser.waitReady(Duration.ofSeconds(30));
    browser.printTimings("dashboards");
    for (String panel :
        List.of(
            "mail-flow",
            "actions",
            "top-senders",
            "top-recipients",
            "top-sender-domains",
            "url-clicks",
            "attachment-verdicts",
            "impersonation",
            "indicators",
            "collector-health")) {
      assertThat(browser.find("[data-test=panel-" + panel + "]").getAttribute("data-state"))
          .as(panel)
          .isEqualTo("done");
    }
    assertThat(browser.find("[data-test=panel-mail-flow]").findElements(By.cssSelector("rect")))
        .isNotEmpty();
    assertThat(browser.find("[data-test=panel-top-senders]").findElements(By.cssSelector("rect")))
        .isNotEmpty();
    assertThat(browser.find("[data-test=dashboard-window]").getText())
        .as("the window the panels count")
        .matches("since \\d{4}-\\d{2}-\\d{2} \\d{2}:00:00Z");
    String messages = browser.find("[data-test=kpi-messages] .card-value").getText();
    assertThat(Long.parseLong(messages.replace(",", ""))).isPositive();
    browser.screenshot("dashboards");
    new Select(browser.find("[data-test=dashboard-range]")).selectByValue("7d");
    browser.waitReady(Duration.ofSeconds(30));
    browser.script("document.documentElement.dataset.theme = 'dark'");
    browser.screenshot("dashboards-dark");
    browser.script("document.documentElement.dataset.theme = 'light'");
  }

  @Test
  @Order(8)
  void alertsAndRulesPagesUseTheDetectionApi() throws Exception {
    // The server has the alerts and rules API now (mailsec-detect): no "not available" notice.
    browser.go("#/alerts");
    browser.waitFor("[data-test=alerts-table], [data-test=no-alerts]");
    assertThat(browser.all("[data-test=not-available]")).isEmpty();
    browser.screenshot("alerts");
    browser.go("#/rules");
    browser.waitFor("[data-test=rules-table]");
    assertThat(browser.all("[data-test=rule-row]")).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  @Order(9)
  void logOutAndBackInAsViewerWithoutAdminActions() throws Exception {
    browser.find("[data-test=user-menu]").click();
    browser.waitFor("[data-test=logout]").click();
    browser.waitFor("[data-test=login-form]");
    assertThat(browser.find("[data-test=topbar]").isDisplayed()).isFalse();
    assertThat(apiCall("GET", "auth/me").get("status"))
        .as("the server ended the session")
        .isEqualTo(401L);
    browser.go("#/search");
    browser.waitFor("[data-test=login-form]");
    browser.screenshot("logged-out");
    logIn("viewer", VIEWER_PASSWORD);
    browser.waitFor("[data-test=query-input]");
    browser.go("#/integrations");
    browser.waitFor("[data-test=integration][data-id=journey]");
    assertThat(browser.all("[data-test=add-integration]")).isEmpty();
    assertThat(browser.all("[data-test=test-connection]")).isEmpty();
    browser.screenshot("viewer-integrations");
  }

  @Test
  @Order(10)
  void aViewersAdminCallIsRefusedAndTheConsoleSaysWhy() throws Exception {
    // The console hides admin actions, but the server decides: a viewer's own call is refused.
    Map<String, Object> refused = apiCall("POST", "integrations/test");
    assertThat(refused.get("status")).isEqualTo(403L);
    assertThat(refused.get("code")).isEqualTo("forbidden");
    assertThat(apiCall("GET", "users").get("status")).isEqualTo(403L);

    // A viewer who opens the form's address directly is told the page is for administrators.
    browser.go("#/integrations/new");
    assertThat(browser.waitFor("[data-test=not-allowed]").getText()).contains("administrators");

    // A console that wrongly thinks the viewer is an admin shows the server's refusal.
    browser.script("return import('./js/api.js').then(m => { m.session.user.role = 'admin'; })");
    browser.go("#/integrations");
    browser.go("#/integrations/new");
    browser.waitFor("[data-test=integration-form]");
    browser.find("[data-test=form-test-connection]").click();
    WebElement refusal = browser.waitFor("[data-test=test-error]");
    browser.script("arguments[0].scrollIntoView({block: 'center'})", refusal);
    String shown = refusal.getText();
    assertThat(shown).contains("not allowed").contains("admin role");
    browser.screenshot("viewer-refused");
  }

  private Map<String, Object> apiCall(String method, String path) {
    return ConsoleApi.call(browser, method, path);
  }

  private void logIn(String user, String password) {
    ConsoleApi.logIn(browser, user, password);
  }

  private void waitText(String css, String contained) {
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(
            d -> {
              String text = browser.find(css).getText();
              return contained.isEmpty() ? text.isEmpty() : text.contains(contained);
            });
  }

  private int columnIndex(String name) {
    List<WebElement> headers = browser.all("[data-test=results-table] th");
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).getText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }
}
