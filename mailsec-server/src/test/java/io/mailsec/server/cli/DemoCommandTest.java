package io.mailsec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.server.DataDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailsec demo --once}: by default the attack scenarios are injected, announced, collected
 * and raise their alerts in the demo data directory; {@code --no-scenarios} injects none.
 */
class DemoCommandTest {
  /** Rules only the injected scenarios trigger, one or more per scenario. */
  static final List<String> SCENARIO_RULES =
      List.of(
          "malicious-message-delivered",
          "url-warning-click-through",
          "mimecast-audit-logon-failures",
          "held-rejected-burst-sender",
          "admin-bypass-policy-created",
          "admin-api-application-created",
          "ti-attachment-hash-match");

  @TempDir Path withScenarios;
  @TempDir Path withoutScenarios;

  @Test
  void theDemoInjectsTheScenariosSoItsDataDirectoryHasTheirAlerts() {
    CliRun run = demo(withScenarios);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("injected " + DemoCommand.SCENARIOS.size() + " attacks")
        .contains("malicious-attachment-delivered")
        .contains("Alerts page");
    assertThat(alertRules(withScenarios)).containsAll(SCENARIO_RULES);
  }

  @Test
  void noScenariosInjectsNone() {
    CliRun run = demo(withoutScenarios, "--no-scenarios");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("Scenarios:          none").doesNotContain("attacks between");
    // 20 held or rejected messages from one sender within 10 minutes: only the held-burst
    // scenario sends them when the simulator's traffic is 20 messages a day.
    assertThat(alertRules(withoutScenarios)).doesNotContain("held-rejected-burst-sender");
  }

  private static CliRun demo(Path dir, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "demo",
                "--once",
                "--port",
                "0",
                "--messages-per-day",
                "20",
                "--data-dir",
                dir.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static Set<String> alertRules(Path dir) {
    try (DataDirectory data = DataDirectory.open(dir);
        EventStore store = data.readOnlyStore()) {
      Set<String> rules = new TreeSet<>();
      for (Event alert :
          store
              .search(
                  new SearchRequest(
                      EventQuery.all().withSchemas("alert"),
                      List.of(),
                      SearchRequest.MAX_LIMIT,
                      null))
              .events()) {
        rules.add(alert.string("rule_id").orElseThrow());
      }
      return rules;
    }
  }
}
