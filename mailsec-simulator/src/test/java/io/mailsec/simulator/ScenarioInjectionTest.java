package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scenario admin endpoint, start-up scenarios, idempotence and determinism. */
class ScenarioInjectionTest extends ScenarioTestSupport {
  private MimecastSimulator other;

  @AfterEach
  void stopOther() {
    if (other != null) {
      other.close();
    }
  }

  @Test
  void recordsAppearFromTheirTimeOnAndTheListingNamesThem() throws Exception {
    startSmall();
    Instant at = clock.instant().plus(Duration.ofMinutes(5));
    JsonNode scenario =
        inject("{\"scenario\":\"logon-failures\",\"at\":\"" + at + "\",\"params\":{\"count\":3}}");
    List<String> audit = ids(scenario, "audit");
    assertThat(audit).hasSize(3);
    assertThat(groundTruthById("audit").keySet()).doesNotContainAnyElementsOf(audit);

    clock.set(at.plus(Duration.ofMinutes(1)));
    assertThat(groundTruthById("audit").keySet())
        .containsAnyElementsOf(audit)
        .doesNotContainAnyElementsOf(audit.subList(1, 3));

    waitForCompletion(scenario);
    assertThat(groundTruthById("audit").keySet()).containsAll(audit);
    JsonNode listed = SimClient.json(client.admin("GET", "/__sim/scenarios", null));
    assertThat(listed.path("scenarios")).singleElement().isEqualTo(scenario);
  }

  @Test
  void siemRowsOfAnInjectionArePublishedWithTheirPeriod() throws Exception {
    startSmall();
    Instant at = clock.instant().plus(Duration.ofMinutes(1));
    JsonNode scenario =
        inject("{\"scenario\":\"held-burst\",\"at\":\"" + at + "\",\"params\":{\"count\":2}}");
    List<String> siem = ids(scenario, "siem");
    assertThat(siem).isNotEmpty();
    assertThat(groundTruthById("siem").keySet()).doesNotContainAnyElementsOf(siem);
    waitForCompletion(scenario);
    assertThat(groundTruthById("siem").keySet()).containsAll(siem);
  }

  @Test
  void injectingTheSameScenarioTwiceServesItsRecordsOnce() throws Exception {
    startSmall();
    String body =
        "{\"scenario\":\"impersonation-wave\",\"at\":\"2024-11-13T12:10:00Z\","
            + "\"params\":{\"count\":3,\"recipients\":[\"cfo@x.example\",\"ceo@x.example\"]}}";
    JsonNode first = inject(body);
    HttpResponse<byte[]> again = client.admin("POST", "/__sim/scenarios", body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(SimClient.json(again).path("scenario")).isEqualTo(first);
    assertThat(SimClient.json(client.admin("GET", "/__sim/scenarios", null)).path("scenarios"))
        .hasSize(1);
    assertThat(first.path("params").path("recipients").asText())
        .isEqualTo("cfo@x.example,ceo@x.example");

    waitForCompletion(first);
    for (String type : TYPES) {
      assertThat(Keys.groundTruth(client.groundTruth(type))).as(type).doesNotHaveDuplicates();
    }
    assertThat(scenarioKeys(first, "ttp-impersonation")).hasSize(3);
  }

  @Test
  void aRestartedSimulatorWithTheSameStartUpScenariosServesTheSameRecords() throws Exception {
    SimulatorOptions options =
        smallOptions()
            .startupScenario("indicator-hit@2024-11-13T11:00:00Z;order=event-first")
            .startupScenario(
                "impersonation-wave@2024-11-13T12:00:00+0000;count=4;recipients=a@b.example,c@b.example")
            .startupScenario("bypass-policy@2024-11-13T13:00:00+01:00")
            .build();
    start(options);
    clock.set(Instant.parse("2024-11-13T15:00:00Z"));
    other = MimecastSimulator.start(options);
    SimClient otherClient = new SimClient(other, clock);

    JsonNode mine = SimClient.json(client.admin("GET", "/__sim/scenarios", null));
    JsonNode theirs = SimClient.json(otherClient.admin("GET", "/__sim/scenarios", null));
    assertThat(mine.path("scenarios")).hasSize(3);
    assertThat(theirs).isEqualTo(mine);
    for (String type : TYPES) {
      assertThat(otherClient.groundTruth(type)).as(type).isEqualTo(client.groundTruth(type));
    }
    JsonNode wave = mine.path("scenarios").get(1);
    assertThat(wave.path("at").asText()).isEqualTo("2024-11-13T12:00:00.000Z");
    assertThat(ids(wave, "ttp-impersonation")).hasSize(4);
    assertThat(groundTruthById("ttp-impersonation").keySet())
        .containsAll(ids(wave, "ttp-impersonation"));
  }

  @Test
  void idsDependOnSeedScenarioTimeAndParametersOnly() throws Exception {
    startSmall();
    other = MimecastSimulator.start(smallOptions().seed(8).build());
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 5; i++) {
      String name =
          SimulatorScenarios.names().get(random.nextInt(SimulatorScenarios.names().size()));
      Instant at = Instant.parse("2024-11-13T10:00:00Z").plusSeconds(random.nextInt(7_200));
      InjectedScenario a = simulator.scenarios().inject(name, at, Map.of());
      InjectedScenario again = simulator.scenarios().inject(name, at, Map.of());
      InjectedScenario otherSeed = other.scenarios().inject(name, at, Map.of());
      InjectedScenario later = simulator.scenarios().inject(name, at.plusMillis(1), Map.of());
      assertThat(again).isEqualTo(a);
      assertThat(otherSeed.id()).isNotEqualTo(a.id());
      assertThat(later.id()).isNotEqualTo(a.id());
      List<String> ids = a.records().values().stream().flatMap(List::stream).toList();
      assertThat(ids).isNotEmpty();
      assertThat(later.records().values().stream().flatMap(List::stream))
          .doesNotContainAnyElementsOf(ids);
    }
  }

  @Test
  void withoutATimeTheScenarioStartsNow() throws Exception {
    startSmall();
    JsonNode scenario = inject("{\"scenario\":\"bypass-policy\"}");
    assertThat(Instant.parse(scenario.path("at").asText())).isEqualTo(clock.instant());
  }

  @Test
  void badRequestsAreRefusedWithAReason() throws Exception {
    startSmall();
    Map<String, String> bodies =
        Map.of(
            "{\"scenario\":\"no-such\"}", "unknown scenario",
            "{\"scenario\":\"held-burst\",\"params\":{\"colour\":\"red\"}}",
                "no parameter 'colour'",
            "{\"scenario\":\"held-burst\",\"params\":{\"count\":0}}", "count must be",
            "{\"scenario\":\"held-burst\",\"at\":\"yesterday\"}", "ISO-8601",
            "{\"scenario\":\"indicator-hit\",\"params\":{\"order\":\"random\"}}", "order must be",
            "{\"scenario\":\"indicator-hit\",\"params\":{\"sha256\":\"abc\"}}", "64 hex",
            "{\"scenario\":\"url-click-through\",\"params\":{\"url\":\"ftp://x\"}}", "http(s)",
            "{\"scenario\":\"held-burst\",\"params\":[1]}", "params must be an object",
            "not json", "body must be JSON",
            "{}", "scenario is required");
    bodies.forEach(
        (body, reason) -> {
          HttpResponse<byte[]> response = client.admin("POST", "/__sim/scenarios", body);
          assertThat(response.statusCode()).as(body).isEqualTo(400);
          assertThat(SimClient.json(response).path("error").asText()).as(body).contains(reason);
        });
    assertThat(SimClient.json(client.admin("GET", "/__sim/scenarios", null)).path("scenarios"))
        .isEmpty();
    assertThat(client.admin("DELETE", "/__sim/scenarios", null).statusCode()).isEqualTo(405);
  }

  @Test
  void aBadStartUpScenarioStopsTheStart() {
    SimulatorOptions options = smallOptions().startupScenario("held-burst@soon").build();
    assertThatThrownBy(() -> MimecastSimulator.start(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO-8601");
  }
}
