package io.mailsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.core.event.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert list's filters combined, on two alerts of different rules and severities raised by the
 * real engine: a virus verdict (info) and, for the same message, a delivery (critical correlation).
 */
class AlertListFilterTest {
  static final String VIRUS_RULE = "mimecast-seg-virus";
  static final String DELIVERED_RULE = "malicious-message-delivered";

  @TempDir Path root;

  private static Event email(String id, Instant time, boolean verdict) {
    Event.Builder b =
        WebHarness.siemEmail(id, time, verdict ? "receipt" : "delivery")
            .put("message_id", "<m1@x>");
    return verdict
        ? b.add("threats", Map.of("classification", "virus", "name", "Eicar")).build()
        : b.put("delivered", true).build();
  }

  @Test
  void ruleStatusAndSeverityFiltersCombine() throws Exception {
    try (WebHarness web = new WebHarness(root)) {
      Instant t = Instant.now().minusSeconds(600);
      web.collect("1", List.of(email("v1", t, true), email("d1", t.plusSeconds(5), false)));

      assertThat(rules(web, "")).containsExactlyInAnyOrder(VIRUS_RULE, DELIVERED_RULE);
      assertThat(rules(web, "?rule=" + DELIVERED_RULE)).containsExactly(DELIVERED_RULE);
      assertThat(rules(web, "?rule=" + VIRUS_RULE)).containsExactly(VIRUS_RULE);
      assertThat(rules(web, "?rule=no-such-rule")).isEmpty();
      assertThat(rules(web, "?severity=critical")).containsExactly(DELIVERED_RULE);
      assertThat(rules(web, "?severity=critical&rule=" + VIRUS_RULE)).isEmpty();
      assertThat(web.get("/api/v1/alerts?rule=", WebHarness.viewer()).status()).isEqualTo(400);

      String id = list(web, "?rule=" + DELIVERED_RULE).path("alerts").get(0).path("id").asText();
      String suppress = WebHarness.body("status", "suppressed");
      assertThat(web.send("PATCH", "/api/v1/alerts/" + id, suppress, WebHarness.analyst()).status())
          .isEqualTo(200);
      assertThat(rules(web, "?status=open")).containsExactly(VIRUS_RULE);
      assertThat(rules(web, "?status=suppressed&rule=" + DELIVERED_RULE))
          .containsExactly(DELIVERED_RULE);
      assertThat(rules(web, "?status=suppressed&rule=" + VIRUS_RULE)).isEmpty();
    }
  }

  private static JsonNode list(WebHarness web, String query) {
    WebHarness.Response r = web.get("/api/v1/alerts" + query, WebHarness.viewer());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<String> rules(WebHarness web, String query) {
    JsonNode list = list(web, query);
    assertThat(list.path("total").asLong()).isEqualTo(list.path("alerts").size());
    return list.path("alerts").findValuesAsText("rule_id");
  }
}
