package io.mailsec.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Operator;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.simulator.InjectedScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The alert part of the console journey (issue 7): attack scenarios injected into the simulator are
 * collected and raise alerts; in the console an analyst finds the delivered malicious attachment's
 * alert with the list's filters, opens it (entities, rule, MITRE ids, matched events that lead to
 * the event page), acknowledges and then resolves it with notes, and suppresses a second scenario's
 * alert from the list. The REST API confirms status, actor, time and notes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertJourneyTest {
  static final String DELIVERED_RULE = "malicious-message-delivered";
  static final String DELIVERED_TITLE = "Malicious verdict but the message was delivered";
  static final String BYPASS_RULE = "admin-bypass-policy-created";
  static final Duration COLLECTED_WITHIN = Duration.ofSeconds(120);

  JourneyServer journey;
  Browser browser;
  InjectedScenario delivered;
  InjectedScenario bypass;
  String deliveredAlert;
  String bypassAlert;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    if (!Browser.available()) {
      return; // every test is then reported skipped by needsTheBrowser
    }
    journey = new JourneyServer(dir, 200);
    // In the past, before collection starts: the scenario's SIEM rows are in published periods.
    Instant at = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
    delivered = journey.sim.scenarios().inject("malicious-attachment-delivered", at, Map.of());
    bypass = journey.sim.scenarios().inject("bypass-policy", at.plusSeconds(120), Map.of());
    journey.serve(List.of(journey.simulatorIntegration("journey")));
    deliveredAlert = awaitAlert(DELIVERED_RULE, delivered.facts().get("messageId")).id();
    bypassAlert = awaitAlert(BYPASS_RULE, bypass.facts().get("user").toLowerCase(Locale.ROOT)).id();
    browser = Browser.open(journey.consoleUrl(), "alerts");
    ConsoleApi.logInOnAlerts(browser, "admin", JourneyServer.ADMIN_PASSWORD);
  }

  /** Waits until collection raised the alert of the rule for the group key. */
  private Event awaitAlert(String rule, String groupKey) throws InterruptedException {
    long deadline = System.nanoTime() + COLLECTED_WITHIN.toNanos();
    while (true) {
      Optional<Event> alert =
          journey
              .data
              .store()
              .search(
                  new SearchRequest(
                      EventQuery.where(
                              new And(
                                  List.of(
                                      new Comparison("rule_id", Operator.EQ, rule),
                                      new Comparison("group_key", Operator.EQ, groupKey))))
                          .withSchemas("alert"),
                      List.of(),
                      10,
                      null))
              .events()
              .stream()
              .findFirst();
      if (alert.isPresent()) {
        return alert.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + rule + " alert for " + groupKey + " was raised");
      }
      Thread.sleep(500);
    }
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
        browser.assertNoCspViolationAndCsrfSent();
        assertThat(browser.stateChangingCalls().stream().filter(c -> c.method().equals("PATCH")))
            .as("acknowledge, resolve and suppress went through the API")
            .hasSize(3);
      }
    } finally {
      JourneyServer.closeBoth(browser, journey);
    }
  }

  @Test
  @Order(1)
  void theListFiltersBySeverityAndStatus() throws Exception {
    browser.load("#/alerts");
    browser.waitReady(Duration.ofSeconds(20));
    browser.printTimings("alerts");
    assertThat(currentStatusFilter()).as("open alerts by default").isEqualTo("open");

    changeFilter("alert-severity-filter", "critical");
    List<WebElement> rows = browser.all("[data-test=alert-row]");
    assertThat(rows).isNotEmpty();
    assertThat(rows)
        .allSatisfy(r -> assertThat(r.getAttribute("data-severity")).isEqualTo("critical"));
    assertThat(rows).allSatisfy(r -> assertThat(r.getAttribute("data-status")).isEqualTo("open"));
    WebElement row = row(deliveredAlert);
    assertThat(row.findElement(By.cssSelector("[data-test=alert-link]")).getText())
        .startsWith(DELIVERED_TITLE);
    assertThat(row.getText()).contains("critical").contains(DELIVERED_RULE);
    assertThat(browser.all(rowSelector(bypassAlert))).as("medium is below critical").isEmpty();
    browser.screenshot("alerts-critical");

    changeFilter("alert-status-filter", "resolved");
    assertThat(browser.all(rowSelector(deliveredAlert))).isEmpty();
    changeFilter("alert-status-filter", "any");
    assertThat(browser.all(rowSelector(deliveredAlert))).hasSize(1);
    changeFilter("alert-severity-filter", "");
    assertThat(browser.all(rowSelector(bypassAlert))).hasSize(1);
  }

  @Test
  @Order(2)
  void theDetailsShowEntitiesRuleMitreAndLeadToTheMatchedEvents() throws Exception {
    browser.load("#/alerts?severity=critical");
    browser.waitReady(Duration.ofSeconds(20));
    row(deliveredAlert).findElement(By.cssSelector("[data-test=alert-link]")).click();
    assertThat(browser.waitFor("[data-test=alert-title]").getText()).startsWith(DELIVERED_TITLE);
    assertThat(browser.find("[data-test=alert-severity]").getText()).isEqualTo("critical");
    assertThat(browser.find("[data-test=alert-current-status]").getText()).isEqualTo("open");
    assertThat(browser.find("[data-test=alert-rule]").getAttribute("href"))
        .endsWith("#/rules/" + DELIVERED_RULE);
    assertThat(browser.all("[data-test=alert-mitre]"))
        .extracting(WebElement::getText)
        .contains("T1566", "T1204");
    assertThat(entity("message_ids")).contains(lower(delivered.facts().get("messageId")));
    assertThat(entity("recipients")).contains(lower(delivered.facts().get("recipient")));
    List<WebElement> events = browser.all("[data-test=alert-event-link]");
    assertThat(events).as("the verdict and the delivery").hasSizeGreaterThanOrEqualTo(2);
    browser.screenshot("alert-details");

    events.get(0).click();
    browser.waitFor("[data-test=normalized-fields]");
    assertThat(browser.find("[data-test=field-row][data-field=message_id]").getText())
        .contains(delivered.facts().get("messageId"));
    browser.screenshot("alert-matched-event");
    browser.driver.navigate().back();
    browser.waitFor("[data-test=alert-title]");
  }

  @Test
  @Order(3)
  void acknowledgeThenResolveWithANoteIsRecorded() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    browser.load("#/alerts/" + deliveredAlert);
    browser.waitFor("[data-test=alert-title]");
    browser.find("[data-test=alert-note]").sendKeys("checking the mailbox");
    browser.find("[data-test=alert-ack]").click();
    waitStatus("acknowledged");
    browser.find("[data-test=alert-note]").sendKeys("removed from the mailbox, sender blocked");
    browser.find("[data-test=alert-resolve]").click();
    waitStatus("resolved");
    assertThat(browser.all("[data-test=alert-history-row]")).hasSize(3);
    assertThat(browser.all("[data-test=alert-ack]")).as("no acknowledge once resolved").isEmpty();
    browser.screenshot("alert-resolved");
    Instant after = Instant.now();

    JsonNode alert = ConsoleApi.get(browser, "alerts/" + deliveredAlert);
    assertThat(alert.path("status").asText()).isEqualTo("resolved");
    assertThat(alert.path("status_changed_by").asText()).isEqualTo("admin");
    Instant changed = Instant.parse(alert.path("status_changed_at").asText());
    assertThat(changed).isBetween(before, after);
    JsonNode history = alert.path("history");
    assertThat(history.get(1).path("to").asText()).isEqualTo("acknowledged");
    assertThat(history.get(1).path("actor").asText()).isEqualTo("admin");
    assertThat(history.get(1).path("note").asText()).isEqualTo("checking the mailbox");
    assertThat(history.get(2).path("from").asText()).isEqualTo("acknowledged");
    assertThat(history.get(2).path("to").asText()).isEqualTo("resolved");
    assertThat(history.get(2).path("note").asText())
        .isEqualTo("removed from the mailbox, sender blocked");

    browser.go("#/alerts?status=open&severity=critical");
    browser.waitFor("[data-test=alerts-table], [data-test=no-alerts]");
    assertThat(browser.all(rowSelector(deliveredAlert))).isEmpty();
  }

  @Test
  @Order(4)
  void aSecondAlertIsSuppressedFromTheList() throws Exception {
    browser.load("#/alerts?status=open&rule=" + BYPASS_RULE);
    browser.waitReady(Duration.ofSeconds(20));
    assertThat(browser.find("[data-test=alert-rule-filter]").getText()).contains(BYPASS_RULE);
    assertThat(browser.all("[data-test=alert-row]"))
        .allSatisfy(r -> assertThat(r.getAttribute("data-rule")).isEqualTo(BYPASS_RULE));
    WebElement row = row(bypassAlert);
    assertThat(row.getText()).contains("medium");
    row.findElement(By.cssSelector("[data-test=row-alert-suppress]")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(d -> "suppressed".equals(row(bypassAlert).getAttribute("data-status")));
    browser.screenshot("alert-suppressed");

    JsonNode alert = ConsoleApi.get(browser, "alerts/" + bypassAlert);
    assertThat(alert.path("status").asText()).isEqualTo("suppressed");
    assertThat(alert.path("status_changed_by").asText()).isEqualTo("admin");
    browser.load("#/alerts?status=open&rule=" + BYPASS_RULE);
    browser.waitReady(Duration.ofSeconds(20));
    assertThat(browser.all(rowSelector(bypassAlert))).isEmpty();
  }

  /** Picks a filter value and waits until the list was drawn again for it. */
  private void changeFilter(String filter, String value) {
    WebElement select = browser.find("[data-test=" + filter + "]");
    new Select(select).selectByValue(value);
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.stalenessOf(select));
    browser.waitReady(Duration.ofSeconds(20));
  }

  private String currentStatusFilter() {
    return new Select(browser.find("[data-test=alert-status-filter]"))
        .getFirstSelectedOption()
        .getAttribute("value");
  }

  private static String rowSelector(String alertId) {
    return "[data-test=alert-row][data-id='" + alertId + "']";
  }

  private WebElement row(String alertId) {
    return browser.find(rowSelector(alertId));
  }

  private List<String> entity(String kind) {
    return browser
        .find("[data-test=alert-entity][data-kind=" + kind + "]")
        .findElements(By.cssSelector(".field-value"))
        .stream()
        .map(e -> lower(e.getText()))
        .toList();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private void waitStatus(String status) {
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(
            ExpectedConditions.textToBe(
                By.cssSelector("[data-test=alert-current-status]"), status));
  }
}
