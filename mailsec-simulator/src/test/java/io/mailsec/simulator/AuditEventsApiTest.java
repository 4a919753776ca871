package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditEventsApiTest extends SimulatorTestBase {

  @BeforeEach
  void startSimulator() throws Exception {
    startSmall();
  }

  @Test
  void eventsComeNewestFirstAndPageToTheEnd() {
    List<JsonNode> events = Harvest.audit(client, window(Duration.ofDays(3)), 20);

    assertThat(events).hasSizeGreaterThan(40);
    List<Long> times =
        events.stream().map(e -> Keys.epochSecond(e.path("eventTime").asText())).toList();
    assertThat(times).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(events.get(0).path("eventTime").asText()).endsWith("+0000");
    assertThat(events)
        .extracting(e -> e.path("category").asText())
        .isSubsetOf(
            "authentication_logs",
            "reporting_logs",
            "case_review_logs",
            "account_logs",
            "archive_service_logs",
            "mimecast_access_logs",
            "integrations_and_apis",
            "profile_group_logs",
            "user_account_and_role_logs");
  }

  @Test
  void historyIsLimitedTo60Days() {
    List<JsonNode> events = Harvest.audit(client, window(Duration.ofDays(90)), 500);

    Instant limit = clock.instant().minus(Duration.ofDays(60));
    Instant oldest =
        Instant.ofEpochSecond(
            Keys.epochSecond(events.get(events.size() - 1).path("eventTime").asText()));
    assertThat(oldest)
        .isAfterOrEqualTo(limit.minusSeconds(1))
        .isBefore(limit.plus(Duration.ofDays(1)));
  }

  @Test
  void someDistinctEventsShareAnId() {
    List<JsonNode> events = Harvest.audit(client, window(Duration.ofDays(30)), 500);
    Set<String> ids = new HashSet<>();
    events.forEach(e -> ids.add(e.path("id").asText()));

    assertThat(ids.size()).isLessThan(events.size());
  }

  @Test
  void filtersByCategoryAndText() {
    List<JsonNode> logons =
        Harvest.audit(
            client,
            "{\"startDateTime\":\""
                + ago(Duration.ofDays(3))
                + "\",\"endDateTime\":\""
                + clock.instant()
                + "\",\"categories\":[\"authentication_logs\"],\"query\":\"failed\"}",
            100);
    assertThat(logons)
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.path("category").asText()).isEqualTo("authentication_logs");
              assertThat(e.path("auditType").asText()).isEqualTo("Logon Authentication Failed");
            });
  }

  @Test
  void startAndEndAreRequired() {
    JsonNode body =
        client.api1Json(
            "/api/audit/get-audit-events",
            "{\"data\":[{\"startDateTime\":\"" + ago(Duration.ofDays(1)) + "\"}]}");
    JsonNode error = body.path("fail").get(0).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("err_validation_null");
    assertThat(error.path("field").asText()).isEqualTo("endDateTime");
  }

  private String window(Duration back) {
    return "{\"startDateTime\":\"" + ago(back) + "\",\"endDateTime\":\"" + clock.instant() + "\"}";
  }

  private String ago(Duration back) {
    return clock.instant().minus(back).toString();
  }
}
