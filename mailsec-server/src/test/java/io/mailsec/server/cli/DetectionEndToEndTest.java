package io.mailsec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Operator;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.server.DataDirectory;
import io.mailsec.simulator.InjectedScenario;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection end to end: seeded simulator scenarios collected through the real CLI, collectors and
 * store; each scenario's alert appears exactly once, and collecting again (a restart: a new process
 * state rebuilt from the store) neither repeats nor changes any alert.
 */
class DetectionEndToEndTest {
  @TempDir Path dir;

  /** When the scenarios start; they are injected over the next ten minutes. */
  private final Instant at =
      Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES);

  @Test
  void scenariosRaiseTheirAlertsOnceAndARestartRepeatsNothing() throws Exception {
    SimulatorOptions options =
        SimulatorOptions.builder()
            .port(0)
            .seed(11)
            .messagesPerDay(30)
            .history(Duration.ofDays(1))
            .rateLimitPerMinute(100_000)
            .build();
    try (MimecastSimulator sim = MimecastSimulator.start(options)) {
      InjectedScenario logons = sim.scenarios().inject("logon-failures", at, Map.of());
      InjectedScenario burst =
          sim.scenarios().inject("held-burst", at.plusSeconds(60), Map.of("count", "25"));
      InjectedScenario click =
          sim.scenarios().inject("url-click-through", at.plusSeconds(120), Map.of());
      InjectedScenario delivered =
          sim.scenarios().inject("malicious-attachment-delivered", at.plusSeconds(180), Map.of());
      InjectedScenario bypass =
          sim.scenarios().inject("bypass-policy", at.plusSeconds(240), Map.of());
      InjectedScenario indicator =
          sim.scenarios()
              .inject("indicator-hit", at.plusSeconds(300), Map.of("order", "event-first"));
      InjectedScenario wave =
          sim.scenarios().inject("impersonation-wave", at.plusSeconds(360), Map.of("count", "3"));
      InjectedScenario dlp = sim.scenarios().inject("dlp-hold", at.plusSeconds(420), Map.of());

      String recipients = wave.facts().get("recipients");
      Files.writeString(
          dir.resolve("detection.yaml"),
          "lists:\n  finance_recipients: [" + recipients + "]\n  internal_domains: []\n");

      SimulatorCredentials c = sim.credentials();
      String data = dir.toString();
      CliRun add =
          CliRun.of(
              "integration",
              "add",
              "--name",
              "Sim",
              "--api",
              "2.0",
              "--base-url",
              sim.baseUrl().toString(),
              "--client-id",
              c.api2ClientId(),
              "--client-secret",
              c.api2ClientSecret(),
              "--types",
              "siem,ttp-url,ttp-attachment,ttp-impersonation,dlp,threat-intel,audit",
              "--look-back",
              "1d",
              "--data-dir",
              data);
      assertThat(add.exitCode()).as(add.err()).isZero();

      CliRun collect = CliRun.of("collect", "--once", "--data-dir", data);
      assertThat(collect.exitCode()).as(collect.out() + collect.err()).isZero();

      Map<String, Long> first = snapshot();
      assertThat(only("mimecast-audit-logon-failures", "group_key", logons.facts().get("ip")))
          .hasSize(1);
      assertThat(
              only(
                  "held-rejected-burst-sender",
                  "group_key",
                  burst.facts().get("sender").toLowerCase(Locale.ROOT)))
          .hasSize(1);
      assertThat(
              only(
                  "url-warning-click-through",
                  "entities.urls",
                  click.facts().get("url").toLowerCase(Locale.ROOT)))
          .hasSize(1);
      assertThat(
              only("malicious-message-delivered", "group_key", delivered.facts().get("messageId")))
          .hasSize(1);
      String admin = bypass.facts().get("user").toLowerCase(Locale.ROOT);
      assertThat(only("admin-bypass-policy-created", "group_key", admin)).hasSize(1);
      assertThat(only("admin-api-application-created", "group_key", admin)).hasSize(1);
      assertThat(
              only(
                  "ti-attachment-hash-match",
                  "group_key",
                  indicator.facts().get("sha256").toLowerCase(Locale.ROOT)))
          .hasSize(1);
      List<Event> bec =
          only(
              "impersonation-finance-executives",
              "entities.senders",
              wave.facts().get("sender").toLowerCase(Locale.ROOT));
      assertThat(bec).isNotEmpty();
      assertThat(bec).extracting(a -> a.string("group_key").orElseThrow()).doesNotHaveDuplicates();
      assertThat(
              only(
                  "mimecast-dlp-hold",
                  "entities.message_ids",
                  dlp.facts().get("messageId").toLowerCase(Locale.ROOT)))
          .hasSize(1);

      CliRun again = CliRun.of("collect", "--once", "--data-dir", data);
      assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
      assertThat(snapshot()).isEqualTo(first);

      String alertId =
          only("mimecast-audit-logon-failures", "group_key", logons.facts().get("ip")).get(0).id();
      CliRun list = CliRun.of("alerts", "list", "--severity", "high", "--data-dir", data);
      assertThat(list.exitCode()).as(list.err()).isZero();
      assertThat(list.out()).contains(alertId).doesNotContain(" low ");
      CliRun ack =
          CliRun.of(
              "alerts", "ack", alertId, "--note", "checking", "--by", "ana", "--data-dir", data);
      assertThat(ack.exitCode()).as(ack.err()).isZero();
      CliRun show = CliRun.of("alerts", "show", alertId, "--data-dir", data);
      assertThat(show.out()).contains("\"acknowledged\"").contains("\"ana\"").contains("checking");
      CliRun search =
          CliRun.of(
              "search",
              "FROM alert WHERE status = 'acknowledged' AND severity >= 'high' EARLIEST=-2d | fields id, rule_id",
              "--data-dir",
              data);
      assertThat(search.exitCode()).as(search.err()).isZero();
      assertThat(search.out()).contains(alertId);
    }
  }

  /** Alert id to occurrences, for every alert. */
  private Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    for (Event a : alerts(null)) {
      out.put(a.id(), (Long) a.first("occurrences").orElseThrow());
    }
    return out;
  }

  /**
   * The rule's alerts with the value in the field that began while the scenarios were injected: the
   * simulator's background data may hold the same kind of event for the same entity at another time
   * of the day (an admin creating an API application, say), which is another alert.
   */
  private List<Event> only(String ruleId, String field, String value) {
    Instant end = at.plus(Duration.ofMinutes(10));
    return alerts(ruleId).stream()
        .filter(a -> a.get(field).contains(value))
        .filter(
            a -> {
              Instant first = (Instant) a.get("first_seen").get(0);
              return !first.isBefore(at) && first.isBefore(end);
            })
        .toList();
  }

  private List<Event> alerts(String ruleId) {
    try (DataDirectory data = DataDirectory.open(dir);
        EventStore store = data.readOnlyStore()) {
      EventQuery query =
          ruleId == null
              ? EventQuery.all().withSchemas("alert")
              : EventQuery.where(new Comparison("rule_id", Operator.EQ, ruleId))
                  .withSchemas("alert");
      return store
          .search(new SearchRequest(query, List.of(), SearchRequest.MAX_LIMIT, null))
          .events();
    }
  }
}
