package io.mailsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Operator;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.detect.Detection;
import io.mailsec.detect.RuleStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom rules over REST: created, shown, changed, enabled and disabled, deleted, each change in
 * force for the very next commit of the running engine; CLI changes to the same files too.
 */
class RuleLifecycleRoutesTest {
  private static final String RULE =
      "id: big-invoice\n"
          + "name: Invoice from outside\n"
          + "severity: medium\n"
          + "query: FROM email WHERE subject CONTAINS 'invoice'\n"
          + "group_by: [message_id]\n"
          + "tests:\n"
          + "  should_match: [{schema: email, fields: {subject: Your invoice}}]\n"
          + "  should_not_match: [{schema: email, fields: {subject: lunch}}]\n";

  @TempDir Path root;
  private int batches;

  private static Event mail(String id, Instant time) {
    return WebHarness.siemEmail(id, time, "receipt")
        .put("message_id", "<" + id + "@x>")
        .put("subject", "Your invoice " + id)
        .build();
  }

  private void deliver(WebHarness web, String id) {
    web.collect(String.valueOf(++batches), List.of(mail(id, Instant.now().minusSeconds(60))));
  }

  private static long alerts(WebHarness web, String ruleId) {
    return web.dir
        .store()
        .search(
            new SearchRequest(
                EventQuery.where(new Comparison("rule_id", Operator.EQ, ruleId))
                    .withSchemas("alert"),
                List.of(),
                100,
                null))
        .events()
        .size();
  }

  private static JsonNode rule(WebHarness web, String id) {
    for (JsonNode r : web.get("/api/v1/rules", WebHarness.viewer()).json().path("rules")) {
      if (r.path("id").asText().equals(id)) {
        return r;
      }
    }
    return null;
  }

  @Test
  void customRuleLifecycleAppliesLive() throws Exception {
    try (WebHarness web = new WebHarness(root)) {
      String body = WebHarness.body("yaml", RULE);
      assertThat(web.send("PUT", "/api/v1/rules/big-invoice", body, WebHarness.viewer()).status())
          .isEqualTo(403);
      WebHarness.Response created =
          web.send("PUT", "/api/v1/rules/big-invoice", body, WebHarness.analyst());
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(created.json().path("enabled").asBoolean()).isTrue();
      assertThat(created.json().path("applied").asBoolean()).isTrue();
      assertThat(Files.readString(root.resolve("rules/big-invoice.yaml"))).isEqualTo(RULE);

      JsonNode one = web.get("/api/v1/rules/big-invoice", WebHarness.viewer()).json();
      assertThat(one.path("origin").asText()).isEqualTo("custom");
      assertThat(one.path("yaml").asText()).isEqualTo(RULE);
      assertThat(rule(web, "big-invoice").path("enabled").asBoolean()).isTrue();

      deliver(web, "m1");
      assertThat(alerts(web, "big-invoice")).isEqualTo(1);

      WebHarness.Response off =
          web.post("/api/v1/rules/big-invoice/disable", "", WebHarness.analyst());
      assertThat(off.json().path("enabled").asBoolean()).isFalse();
      assertThat(off.json().has("appliesOnRestart")).isFalse();
      deliver(web, "m2");
      assertThat(alerts(web, "big-invoice")).isEqualTo(1);

      // Another process (mailsec rules enable) changes the state file; the server follows.
      RuleStates.set(root.resolve(Detection.STATE_FILE), "big-invoice", true);
      assertThat(rule(web, "big-invoice").path("enabled").asBoolean()).isTrue();
      deliver(web, "m3");
      assertThat(alerts(web, "big-invoice")).isEqualTo(2);

      String renamed = RULE.replace("Invoice from outside", "Invoice (renamed)");
      WebHarness.Response replaced =
          web.send(
              "PUT",
              "/api/v1/rules/big-invoice",
              WebHarness.body("yaml", renamed),
              WebHarness.analyst());
      assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
      assertThat(replaced.json().path("created").asBoolean()).isFalse();
      assertThat(rule(web, "big-invoice").path("name").asText()).isEqualTo("Invoice (renamed)");

      assertThat(web.send("DELETE", "/api/v1/rules/big-invoice", "", WebHarness.viewer()).status())
          .isEqualTo(403);
      assertThat(web.send("DELETE", "/api/v1/rules/big-invoice", "", WebHarness.analyst()).status())
          .isEqualTo(200);
      assertThat(root.resolve("rules/big-invoice.yaml")).doesNotExist();
      assertThat(rule(web, "big-invoice")).isNull();
      assertThat(web.get("/api/v1/rules/big-invoice", WebHarness.viewer()).status()).isEqualTo(404);
      deliver(web, "m4");
      assertThat(alerts(web, "big-invoice")).isEqualTo(2);

      String audit = web.get("/api/v1/audit?limit=50", WebHarness.admin()).body();
      assertThat(audit)
          .contains("rule.create", "rule.update", "rule.delete", "rule.disable")
          .contains("big-invoice");
    }
  }

  @Test
  void invalidRulesAreRefusedWithEveryProblemAndItsLine() {
    try (WebHarness web = new WebHarness(root)) {
      String broken =
          RULE.replace("severity: medium", "severity: urgent").replace("CONTAINS", "CONTAINZ");
      WebHarness.Response r =
          web.send(
              "PUT",
              "/api/v1/rules/big-invoice",
              WebHarness.body("yaml", broken),
              WebHarness.analyst());
      assertThat(r.status()).as(r.body()).isEqualTo(422);
      JsonNode problems = r.json().path("error").path("problems");
      assertThat(problems.findValuesAsText("line")).contains("3");
      assertThat(root.resolve("rules/big-invoice.yaml")).doesNotExist();

      WebHarness.Response query =
          web.post(
              "/api/v1/rules/validate",
              WebHarness.body("yaml", RULE.replace("CONTAINS", "CONTAINZ")),
              WebHarness.analyst());
      assertThat(query.status()).isEqualTo(422);
      assertThat(query.json().path("error").path("problems").get(0).path("line").asInt())
          .isEqualTo(4);

      WebHarness.Response failingTest =
          web.post(
              "/api/v1/rules/validate",
              WebHarness.body("yaml", RULE.replace("subject: lunch", "subject: invoice lunch")),
              WebHarness.analyst());
      assertThat(failingTest.status()).isEqualTo(422);
      assertThat(failingTest.json().path("error").path("line").asInt()).isEqualTo(8);

      WebHarness.Response otherId =
          web.send(
              "PUT", "/api/v1/rules/other-id", WebHarness.body("yaml", RULE), WebHarness.analyst());
      assertThat(otherId.status()).isEqualTo(422);
      assertThat(otherId.json().path("error").path("line").asInt()).isEqualTo(1);

      WebHarness.Response builtIn =
          web.send(
              "PUT",
              "/api/v1/rules/mimecast-seg-virus",
              WebHarness.body("yaml", RULE.replace("big-invoice", "mimecast-seg-virus")),
              WebHarness.analyst());
      assertThat(builtIn.status()).isEqualTo(409);
      assertThat(
              web.send("DELETE", "/api/v1/rules/mimecast-seg-virus", "", WebHarness.analyst())
                  .status())
          .isEqualTo(409);
      JsonNode shown = web.get("/api/v1/rules/mimecast-seg-virus", WebHarness.viewer()).json();
      assertThat(shown.path("origin").asText()).isEqualTo("builtin");
      assertThat(shown.path("yaml").asText()).contains("id: mimecast-seg-virus");

      for (String bad : List.of("..%2F..%2Fetc", "%2e%2e", "UPPER", "a%2Fb")) {
        int status =
            web.send(
                    "PUT",
                    "/api/v1/rules/" + bad,
                    WebHarness.body("yaml", RULE),
                    WebHarness.analyst())
                .status();
        assertThat(status).as(bad).isBetween(400, 404);
      }
      assertThat(root.resolve("rules"))
          .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
      assertThat(
              web.send("DELETE", "/api/v1/rules/no-such-rule", "", WebHarness.analyst()).status())
          .isEqualTo(404);
    }
  }
}
