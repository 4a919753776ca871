package io.mailsec.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.core.store.EventQuery;
import io.mailsec.server.auth.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The rules lifecycle in a real browser against the real server on collected simulator data: an
 * analyst writes a new rule with a mistake and sees it at its line, fixes it, dry-runs it (the
 * would-be alerts shown equal the API's dry-run answer), saves it, finds it in the list as custom
 * and enabled, and disables it, which the running engine applies at once. Screenshots land in
 * {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleEditorBrowserTest {
  private static final String ANALYST_PASSWORD = "rule-editor-analyst-password";
  private static final String RULE_ID = "journey-delivered-by-domain";
  private static final String RULE =
      "id: "
          + RULE_ID
          + "\n"
          + "name: Delivered mail by sender domain\n"
          + "severity: low\n"
          + "query: FROM email WHERE status = 'delivered'\n"
          + "group_by: [sender_domain]\n"
          + "suppress_for: 1h\n"
          + "tests:\n"
          + "  should_match:\n"
          + "    - {schema: email, fields: {status: delivered, sender_domain: a.example}}\n"
          + "  should_not_match:\n"
          + "    - {schema: email, fields: {status: held, sender_domain: a.example}}\n";

  JourneyServer journey;
  Browser browser;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    if (!Browser.available()) {
      return; // every test is then reported skipped by needsTheBrowser
    }
    journey = new JourneyServer(dir, 300);
    journey.serve(List.of(journey.simulatorIntegration("journey")));
    journey.server.users().add("analyst", Role.ANALYST, ANALYST_PASSWORD);
    awaitCollectedThenStop();
    browser = Browser.open(journey.consoleUrl(), "rule-editor");
  }

  /**
   * Waits until the day of simulator history is stored, then stops collection, so the page's dry
   * run and the API's see the same events.
   */
  private void awaitCollectedThenStop() throws InterruptedException {
    EventQuery email = EventQuery.all().withSchemas("email");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    long last = -1;
    int stableFor = 0;
    while (System.nanoTime() < deadline && stableFor < 3) {
      Thread.sleep(1000);
      long now = journey.data.store().count(email);
      stableFor = now > 0 && now == last ? stableFor + 1 : 0;
      last = now;
    }
    journey.collectors.stop();
    Thread.sleep(1500);
    assertThat(journey.data.store().count(email)).as("email events collected").isPositive();
  }

  @AfterAll
  void stop() throws Exception {
    JourneyServer.closeBoth(browser, journey);
  }

  @BeforeEach
  void needsTheBrowser() {
    Browser.assumeAvailable();
  }

  private void setSource(String yaml) {
    WebElement source = browser.waitFor("[data-test=rule-source]");
    browser.script(
        "arguments[0].value = arguments[1];"
            + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        source,
        yaml);
  }

  private JsonNode apiDryRun(String yaml, String window) throws Exception {
    return ConsoleApi.request(
        browser, "POST", "rules/dry-run", Map.of("yaml", yaml, "window", window));
  }

  /** Logs out whoever the browser is signed in as, then logs in with the form. */
  private void logInAs(String user, String password) {
    browser.load("#/rules");
    // Once the page shows the rules or the login form, it knows its session (and CSRF token).
    browser.waitFor("[data-test=rules-table], [data-test=login-username]");
    assertThat(ConsoleApi.call(browser, "POST", "auth/logout").get("status"))
        .as("logged out, or nobody was logged in")
        .isIn(200L, 401L);
    browser.load("#/rules");
    ConsoleApi.logIn(browser, user, password);
  }

  private WebElement ruleRow() {
    return browser.waitFor("[data-test=rule-row][data-id=" + RULE_ID + "]");
  }

  @Test
  void analystWritesDryRunsSavesAndDisablesARule() throws Exception {
    logInAs("analyst", ANALYST_PASSWORD);
    browser.waitFor("[data-test=rules-table]");
    browser.screenshot("rules-list");

    browser.find("[data-test=new-rule]").click();
    browser.waitFor("[data-test=rule-source]");
    setSource(RULE.replace("severity: low", "severity: urgent"));
    WebElement problem = browser.waitFor("[data-test=rule-problem][data-line='3']");
    assertThat(problem.getText()).startsWith("Line 3").contains("urgent");
    assertThat(browser.all("[data-test=rule-gutter] .bad"))
        .extracting(e -> e.getAttribute("data-line"))
        .containsExactly("3");
    browser.screenshot("error-at-its-line");

    setSource(RULE);
    browser.waitFor("[data-test=rule-valid]");
    assertThat(browser.all("[data-test=rule-problem]")).isEmpty();
    assertThat(browser.all("[data-test=rule-gutter] .bad")).isEmpty();

    new org.openqa.selenium.support.ui.Select(browser.find("[data-test=dry-run-window]"))
        .selectByValue("7d");
    browser.find("[data-test=rule-dry-run]").click();
    WebElement summary = browser.waitFor("[data-test=dry-run-summary]", Duration.ofSeconds(60));
    int shownAlerts = Integer.parseInt(summary.getAttribute("data-alerts"));
    long shownMatches = Long.parseLong(summary.getAttribute("data-matched"));
    JsonNode api = apiDryRun(RULE, "7d");
    assertThat(shownAlerts).isEqualTo(api.path("alerts").size()).isPositive();
    assertThat(shownMatches).isEqualTo(api.path("matchedEvents").asLong());
    assertThat(browser.all("[data-test=dry-run-alert]")).hasSize(Math.min(shownAlerts, 200));
    assertThat(browser.find("[data-test=dry-run-alerts]").getText())
        .contains(api.path("alerts").get(0).path("title").asText());
    browser.screenshot("dry-run");

    browser.find("[data-test=rule-save]").click();
    WebElement row = ruleRow();
    assertThat(row.findElement(By.cssSelector("[data-test=rule-origin]")).getText())
        .isEqualTo("custom");
    assertThat(row.findElement(By.cssSelector("[data-test=rule-enabled]")).getText())
        .isEqualTo("enabled");
    assertThat(journey.data.detection().rules().get(RULE_ID)).isPresent();
    browser.screenshot("saved-in-list");

    row.findElement(By.cssSelector("[data-test=rule-toggle]")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(
            d ->
                ruleRow()
                    .findElement(By.cssSelector("[data-test=rule-enabled]"))
                    .getText()
                    .equals("disabled"));
    assertThat(ConsoleApi.get(browser, "rules/" + RULE_ID).path("enabled").asBoolean()).isFalse();
    assertThat(
            journey.data.detection().engine().rules().get(RULE_ID).orElseThrow().rule().enabled())
        .as("the running engine applied it")
        .isFalse();
    browser.screenshot("disabled");

    assertThat(browser.cspViolations()).isEmpty();
    assertThat(browser.stateChangingCalls())
        .filteredOn(c -> c.url().contains("/api/v1/rules"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.csrfHeader()).isTrue());
  }

  @Test
  void aViewerSeesNoEditActions() throws Exception {
    logInAs("viewer", JourneyServer.VIEWER_PASSWORD);
    browser.waitFor("[data-test=rules-table]");
    assertThat(browser.all("[data-test=new-rule]")).isEmpty();
    assertThat(browser.all("[data-test=rule-toggle]")).isEmpty();
    assertThat(browser.all("[data-test=rule-edit], [data-test=rule-duplicate]")).isEmpty();
    browser.go("#/rules/mimecast-seg-virus");
    WebElement source = browser.waitFor("[data-test=rule-source]");
    assertThat(source.getAttribute("readonly")).isNotNull();
    assertThat(browser.all("[data-test=rule-save], [data-test=rule-delete]")).isEmpty();
    browser.screenshot("viewer-read-only");
  }
}
