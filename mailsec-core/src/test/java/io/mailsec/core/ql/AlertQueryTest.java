package io.mailsec.core.ql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.AlertFields;
import io.mailsec.core.schema.SchemaRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert schema in the query language: severity compares by rank; FROM alert is needed. */
class AlertQueryTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final QueryLanguage ql = QueryLanguage.standard();
  private final MemoryQueryRunner memory = new MemoryQueryRunner(SchemaRegistry.standard());

  private static Event alert(String id, String severity) {
    return Event.builder("alert")
        .put("id", id)
        .put("tenant_id", "t")
        .put("sensor_type", "mailsec")
        .put("event_time", NOW.minusSeconds(60))
        .put("event_type", "rule")
        .put("ingest.integration_id", "detect")
        .put("ingest.data_type", "alert")
        .put("ingest.time", NOW)
        .put("original_data", "{}")
        .put("severity", severity)
        .put("severity_score", AlertFields.severityRank(severity).orElseThrow())
        .put("status", "open")
        .build();
  }

  private List<String> ids(String query) {
    List<Event> events = new ArrayList<>();
    for (String s : AlertFields.SEVERITIES) {
      events.add(alert("a-" + s, s));
    }
    QueryResult.Events result = (QueryResult.Events) memory.run(ql.plan(query, NOW), events);
    return result.events().stream().map(Event::id).sorted().toList();
  }

  @Test
  void severityRangesCompareByRankNotAlphabetically() {
    assertThat(ids("FROM alert WHERE severity >= 'high'")).containsExactly("a-critical", "a-high");
    assertThat(ids("FROM alert WHERE severity < 'MEDIUM'")).containsExactly("a-info", "a-low");
    assertThat(ids("FROM alert WHERE severity > 'critical'")).isEmpty();
    assertThat(ids("FROM alert WHERE severity = 'low'")).containsExactly("a-low");
    assertThat(ids("FROM alert WHERE NOT severity <= 'low'"))
        .containsExactly("a-critical", "a-high", "a-medium");
  }

  @Test
  void explainShowsTheRankComparison() {
    assertThat(ql.explain("FROM alert WHERE severity >= 'high'", NOW))
        .contains("severity_score >= 3");
  }

  @Test
  void queriesWithoutFromDoNotSearchAlerts() {
    assertThat(ql.plan("WHERE status = 'open'", NOW).schemas()).doesNotContain("alert");
    assertThat(ql.plan("FROM alert WHERE status = 'open'", NOW).schemas()).containsExactly("alert");
    assertThatThrownBy(() -> ql.plan("WHERE severity = 'high'", NOW))
        .isInstanceOf(QuerySyntaxException.class);
  }

  @Test
  void eventSchemasCarryIndicatorMatchFields() {
    assertThat(ql.plan("FROM email, http WHERE ti.indicator_ids IS NOT NULL", NOW).schemas())
        .containsExactly("email", "http");
  }
}
