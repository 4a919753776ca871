package io.mailsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.core.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert and rule endpoints over loopback, on alerts raised by the real engine. */
class AlertAndRuleRoutesTest {
  @TempDir Path root;

  private static Event virus(String id, Instant time) {
    return WebHarness.siemEmail(id, time, "receipt")
        .put("message_id", "<m1@x>")
        .add("threats", Map.of("classification", "virus", "name", "Eicar"))
        .build();
  }

  @Test
  void listShowAndChangeAlertsThenRules() throws Exception {
    try (WebHarness web = new WebHarness(root)) {
      Instant t = Instant.now().minusSeconds(600);
      web.collect("1", List.of(virus("v1", t), virus("v2", t.plusSeconds(5))));

      JsonNode list = web.get("/api/v1/alerts?severity=info", WebHarness.viewer()).json();
      assertThat(list.path("total").asLong()).isEqualTo(1);
      JsonNode alert = list.path("alerts").get(0);
      assertThat(alert.path("rule_id").asText()).isEqualTo("mimecast-seg-virus");
      assertThat(alert.path("occurrences").asLong()).isEqualTo(2);
      String id = alert.path("id").asText();
      assertThat(
              web.get("/api/v1/alerts?severity=high", WebHarness.viewer())
                  .json()
                  .path("total")
                  .asLong())
          .isZero();
      assertThat(web.get("/api/v1/alerts?severity=urgent", WebHarness.viewer()).status())
          .isBetween(400, 499);

      String change = WebHarness.body("status", "acknowledged", "note", "on it");
      assertThat(web.send("PATCH", "/api/v1/alerts/" + id, change, WebHarness.viewer()).status())
          .isEqualTo(403);
      WebHarness.Response patched =
          web.send("PATCH", "/api/v1/alerts/" + id, change, WebHarness.analyst());
      assertThat(patched.status()).as(patched.body()).isEqualTo(200);
      JsonNode one = web.get("/api/v1/alerts/" + id, WebHarness.viewer()).json();
      assertThat(one.path("status").asText()).isEqualTo("acknowledged");
      assertThat(one.path("history").get(1).path("note").asText()).isEqualTo("on it");
      assertThat(
              web.send("PATCH", "/api/v1/alerts/alert-nope", change, WebHarness.analyst()).status())
          .isEqualTo(404);

      JsonNode rules = web.get("/api/v1/rules", WebHarness.viewer()).json().path("rules");
      assertThat(rules.findValuesAsText("id")).contains("mimecast-seg-virus");
      String good =
          "id: my-rule\nname: Mine\nseverity: low\nquery: FROM email WHERE subject CONTAINS 'x'\n"
              + "tests:\n  should_match: [{schema: email, fields: {subject: xyz}}]\n"
              + "  should_not_match: [{schema: email, fields: {subject: abc}}]\n";
      assertThat(
              web.post(
                      "/api/v1/rules/validate", WebHarness.body("yaml", good), WebHarness.analyst())
                  .status())
          .isEqualTo(200);
      String failing = good.replace("subject: xyz", "subject: nope");
      assertThat(
              web.post(
                      "/api/v1/rules/validate",
                      WebHarness.body("yaml", failing),
                      WebHarness.analyst())
                  .status())
          .isBetween(400, 499);
      String virusRule =
          "id: my-virus\nname: V\nseverity: high\nquery: FROM email WHERE threats.classification"
              + " = 'virus'\ngroup_by: [message_id]\n";
      JsonNode dry =
          web.post(
                  "/api/v1/rules/dry-run",
                  WebHarness.body("yaml", virusRule, "window", "1d"),
                  WebHarness.analyst())
              .json();
      assertThat(dry.path("matchedEvents").asLong()).isEqualTo(2);
      assertThat(dry.path("alerts").get(0).path("occurrences").asLong()).isEqualTo(2);

      assertThat(
              web.post("/api/v1/rules/mimecast-seg-virus/disable", "", WebHarness.analyst())
                  .status())
          .isEqualTo(200);
      assertThat(Files.readString(root.resolve("rules-state.json")))
          .contains("\"mimecast-seg-virus\" : false");
    }
  }
}
