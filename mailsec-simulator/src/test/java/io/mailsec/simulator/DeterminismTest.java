package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Same seed and same clock instant give the same bytes; time only adds data. */
class DeterminismTest extends SimulatorTestBase {
  private MimecastSimulator other;

  @AfterEach
  void stopOther() {
    if (other != null) {
      other.close();
    }
  }

  @Test
  void twoSimulatorsWithTheSameSeedAndInstantAnswerByteForByte() throws Exception {
    startSmall();
    other = MimecastSimulator.start(smallOptions().build());
    SimClient otherClient = new SimClient(other, clock);

    assertThat(responses(otherClient, other)).isEqualTo(responses(client, simulator));
  }

  @Test
  void anotherSeedGivesOtherData() throws Exception {
    startSmall();
    other = MimecastSimulator.start(smallOptions().seed(8).build());
    SimClient otherClient = new SimClient(other, clock);

    assertThat(other.credentials()).isNotEqualTo(simulator.credentials());
    assertThat(otherClient.groundTruth("siem")).isNotEqualTo(client.groundTruth("siem"));
  }

  @Test
  void advancingTheClockKeepsHistoryAndAddsNewRecords() throws Exception {
    startSmall();
    Set<String> before = new HashSet<>(Keys.groundTruth(client.groundTruth("siem")));

    clock.advance(Duration.ofHours(2));
    Set<String> after = new HashSet<>(Keys.groundTruth(client.groundTruth("siem")));
    String retained =
        clock.instant().minus(Duration.ofDays(1)).plus(Duration.ofMinutes(15)).toString();
    Set<String> stillRetainedBefore =
        new HashSet<>(
            Keys.groundTruth(
                SimClient.json(
                    client.admin("GET", "/__sim/ground-truth?type=siem&from=" + retained, null))));

    assertThat(after).containsAll(intersect(before, stillRetainedBefore));
    assertThat(after.size() - stillRetainedBefore.size()).isPositive();
    Set<String> added = new HashSet<>(after);
    added.removeAll(before);
    assertThat(added).as("the live trickle added rows").isNotEmpty();
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both;
  }

  /** A fixed sequence of calls covering every endpoint; host:port is normalised away. */
  private static List<String> responses(SimClient client, MimecastSimulator simulator) {
    String host = simulator.baseUrl().getAuthority();
    List<String> bodies = new ArrayList<>();
    var siem =
        client.api1(
            "/api/audit/get-siem-logs", "{\"data\":[{\"fileFormat\":\"json\",\"compress\":true}]}");
    bodies.add(hex(siem.body()) + siem.headers().firstValue("mc-siem-token").orElseThrow());
    String token = client.token();
    bodies.add(token);
    JsonNode batch = SimClient.json(client.api2Get(token, "/siem/v1/batch/events/cg?pageSize=3"));
    bodies.add(batch.toString().replace(host, "HOST"));
    bodies.add(hex(client.get(batch.path("value").get(0).path("url").asText()).body()));
    bodies.add(SimClient.text(client.api2Get(token, "/siem/v1/events/cg?pageSize=20")));
    bodies.add(
        SimClient.text(
            client.api1(
                "/api/ttp/url/get-logs", "{\"data\":[{\"from\":\"2024-11-13T00:00:00+0000\"}]}")));
    bodies.add(
        SimClient.text(
            client.api1(
                "/api/ttp/attachment/get-logs",
                "{\"data\":[{\"from\":\"2024-11-13T00:00:00+0000\"}]}")));
    bodies.add(
        SimClient.text(
            client.api1(
                "/api/ttp/impersonation/get-logs",
                "{\"data\":[{\"from\":\"2024-11-12T00:00:00+0000\"}]}")));
    var feed =
        client.api1(
            "/api/ttp/threat-intel/get-feed",
            "{\"data\":[{\"feedType\":\"malware_grid\",\"fileType\":\"stix\",\"compress\":true}]}");
    bodies.add(
        hex(feed.body()) + feed.headers().firstValue("x-mc-threat-feed-next-token").orElseThrow());
    bodies.add(
        SimClient.text(
            client.api1(
                "/api/audit/get-audit-events",
                "{\"data\":[{\"startDateTime\":\"2024-11-01T00:00:00+0000\",\"endDateTime\":\"2024-11-14T00:00:00+0000\"}]}")));
    bodies.add(client.groundTruth("siem").toString());
    return bodies;
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b));
    }
    return out.toString() + "/" + new String(bytes, StandardCharsets.ISO_8859_1).length();
  }
}
