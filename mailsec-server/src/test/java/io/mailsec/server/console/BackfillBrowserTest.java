package io.mailsec.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * A backfill in a real browser against the real server and simulator: an admin opens the
 * integration's backfill panel, picks a past range and two data types, starts it and watches the
 * progress bars reach done; the job the page shows is the one the API reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillBrowserTest {
  JourneyServer journey;
  Browser browser;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    if (!Browser.available()) {
      return; // every test is then reported skipped by needsTheBrowser
    }
    journey = new JourneyServer(dir, 200);
    journey.serve(List.of(journey.simulatorIntegration("journey")));
    browser = Browser.open(journey.consoleUrl(), "backfill");
  }

  @BeforeEach
  void needsTheBrowser() {
    Browser.assumeAvailable();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        assertThat(browser.cspViolations()).as("no Content Security Policy violation").isEmpty();
      }
    } finally {
      JourneyServer.closeBoth(browser, journey);
    }
  }

  @Test
  void startABackfillFromTheFormAndSeeItDone() throws Exception {
    browser.load("#/integrations");
    ConsoleApi.logIn(browser, "admin", JourneyServer.ADMIN_PASSWORD);
    browser.waitFor("[data-test=user-menu]", Duration.ofSeconds(30));
    browser.go("#/integrations");
    try {
      browser.waitFor("[data-test=integration]", Duration.ofSeconds(30));
    } finally {
      browser.screenshot("integrations");
    }
    browser.find("[data-test=backfill-toggle]").click();
    browser.waitFor("[data-test=backfill-form]");
    browser.waitFor("[data-test=backfill-jobs]");
    // datetime-local fields take local time; set them as the picker would.
    browser.script(
        "const pad = (n) => String(n).padStart(2, '0');"
            + "const v = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}"
            + "T${pad(d.getHours())}:${pad(d.getMinutes())}`;"
            + "const now = Date.now();"
            + "for (const [sel, hours] of [['from', 20], ['to', 2]]) {"
            + "  const el = document.querySelector(`[data-test=backfill-${sel}]`);"
            + "  el.value = v(new Date(now - hours * 3600000));"
            + "  el.dispatchEvent(new Event('input', {bubbles: true}));"
            + "}");
    for (WebElement box : browser.all("[data-test=backfill-type]")) {
      boolean wanted = List.of("audit", "ttp-url").contains(box.getAttribute("value"));
      if (box.isSelected() != wanted) {
        box.click();
      }
    }
    browser.screenshot("form");
    browser.find("[data-test=backfill-start]").click();

    WebElement job =
        browser.waitFor(
            "[data-test=backfill-job][data-state=DONE], [data-test=backfill-job][data-state=FAILED]",
            Duration.ofSeconds(120));
    browser.screenshot("done");
    assertThat(job.getAttribute("data-state")).isEqualTo("DONE");
    List<WebElement> rows =
        job.findElements(org.openqa.selenium.By.cssSelector("[data-test=backfill-type-row]"));
    assertThat(rows)
        .extracting(r -> r.getAttribute("data-type"))
        .containsExactly("ttp-url", "audit");
    assertThat(rows).allSatisfy(r -> assertThat(r.getAttribute("data-state")).isEqualTo("DONE"));
    assertThat(
            job.findElements(org.openqa.selenium.By.cssSelector("[data-test=backfill-progress]")))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.getAttribute("value")).isEqualTo("1"));

    JsonNode api =
        ConsoleApi.get(browser, "integrations/journey/backfills").get("backfills").get(0);
    assertThat(api.get("id").asText()).isEqualTo(job.getAttribute("data-id"));
    assertThat(api.get("state").asText()).isEqualTo("DONE");
    assertThat(api.get("createdBy").asText()).isEqualTo("admin");
  }
}
