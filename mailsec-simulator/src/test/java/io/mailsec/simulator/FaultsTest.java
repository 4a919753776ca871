package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest extends SimulatorTestBase {
  private static final String TTP = "/api/ttp/url/get-logs";
  private static final String AUDIT = "/api/audit/get-audit-events";
  private static final String TTP_BODY = "{\"data\":[{}]}";
  private static final String AUDIT_BODY =
      "{\"data\":[{\"startDateTime\":\"2024-11-13T00:00:00+0000\",\"endDateTime\":\"2024-11-13T12:00:00+0000\"}]}";

  @Test
  void startupFaultsFireOnTheirPathOnlyAndCountDown() throws Exception {
    start(smallOptions().startupFault("server-error:2:/api/ttp").build());

    assertThat(client.api1(AUDIT, AUDIT_BODY).statusCode()).isEqualTo(200);
    assertThat(client.api1(TTP, TTP_BODY).statusCode()).isEqualTo(503);
    assertThat(client.api1(TTP, TTP_BODY).statusCode()).isEqualTo(503);
    assertThat(client.api1(TTP, TTP_BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void theAdminEndpointArmsListsAndClearsFaults() throws Exception {
    startSmall();

    HttpResponse<byte[]> armed =
        client.admin(
            "POST",
            "/__sim/faults",
            "{\"name\":\"server-error\",\"times\":-1,\"path\":\"/api/audit\"}");
    assertThat(armed.statusCode()).isEqualTo(201);
    JsonNode list = SimClient.json(client.admin("GET", "/__sim/faults", null));
    assertThat(list.path("faults").get(0).path("name").asText()).isEqualTo("server-error");
    assertThat(list.path("faults").get(0).path("remaining").asInt()).isEqualTo(-1);

    for (int i = 0; i < 3; i++) {
      assertThat(client.api1(AUDIT, AUDIT_BODY).statusCode()).isEqualTo(503);
    }
    assertThat(SimClient.json(client.admin("DELETE", "/__sim/faults", null)).path("faults"))
        .isEmpty();
    assertThat(client.api1(AUDIT, AUDIT_BODY).statusCode()).isEqualTo(200);

    assertThat(client.admin("POST", "/__sim/faults", "{\"name\":\"gremlins\"}").statusCode())
        .isEqualTo(400);
    assertThat(client.admin("GET", "/__sim/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void rateLimitAnswers429DespiteBudget() throws Exception {
    startSmall();
    simulator.faults().arm(FaultType.RATE_LIMIT, 1, null);

    HttpResponse<byte[]> refused = client.api1(AUDIT, AUDIT_BODY);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).contains("0");
    assertThat(client.api1(AUDIT, AUDIT_BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void slowDelaysTheResponseButStillAnswers() throws Exception {
    startSmall();
    simulator.faults().arm(FaultType.SLOW, 2, null);

    HttpRequest impatient =
        client.signed(AUDIT, AUDIT_BODY).timeout(Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> client.http.send(impatient, HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(client.api1(AUDIT, AUDIT_BODY).statusCode()).isEqualTo(200);
    assertThat(simulator.faults().armed()).isEmpty();
  }

  @Test
  void timeoutNeverAnswers() throws Exception {
    startSmall();
    simulator.faults().arm(FaultType.TIMEOUT, 1, AUDIT);

    HttpRequest impatient =
        client.signed(AUDIT, AUDIT_BODY).timeout(Duration.ofMillis(500)).build();
    assertThatThrownBy(() -> client.http.send(impatient, HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(client.api1(AUDIT, AUDIT_BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void truncatedGzipCutsABatchFile() throws Exception {
    startSmall();
    String url = firstBatchUrl();
    simulator.faults().arm(FaultType.TRUNCATED_GZIP, 1, "/downloads/");

    HttpResponse<byte[]> cut = client.get(url);
    assertThat(cut.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> Harvest.gunzip(cut.body())).isInstanceOf(UncheckedIOException.class);
    assertThat(Harvest.batchLines(client, url)).isNotEmpty();
  }

  @Test
  void malformedLineBreaksOneRecordOfABatchFileAndOfAnApi1File() throws Exception {
    startSmall();
    String url = firstBatchUrl();
    simulator.faults().arm(FaultType.MALFORMED_LINE, 1, "/downloads/");

    List<String> lines = Harvest.ndjsonLines(Harvest.gunzip(client.get(url).body()));
    long broken = lines.stream().filter(FaultsTest::notJson).count();
    assertThat(broken).isEqualTo(1);
    assertThat(Harvest.batchLines(client, url)).noneMatch(FaultsTest::notJson);

    simulator.faults().arm(FaultType.MALFORMED_LINE, 1, "/api/audit/get-siem-logs");
    String firstFile = "{\"data\":[{\"fileFormat\":\"json\"}]}";
    HttpResponse<byte[]> cutFile = client.api1("/api/audit/get-siem-logs", firstFile);
    assertThatThrownBy(() -> Harvest.parseSiemFile(cutFile.body(), "json"))
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining("Unexpected");
    HttpResponse<byte[]> intact = client.api1("/api/audit/get-siem-logs", firstFile);
    assertThat(Harvest.parseSiemFile(intact.body(), "json")).isNotEmpty();
  }

  @Test
  void expiredUrlsAnswer403() throws Exception {
    startSmall();
    String url = firstBatchUrl();
    simulator.faults().arm(FaultType.EXPIRED_URLS, 1, null);

    assertThat(client.get(url).statusCode()).isEqualTo(403);
    assertThat(client.get(url).statusCode()).isEqualTo(200);
  }

  @Test
  void revokeTokensInvalidatesEveryIssuedToken() throws Exception {
    startSmall();
    String first = client.token();
    String second = client.token();
    simulator.faults().arm(FaultType.REVOKE_TOKENS, 1, null);

    HttpResponse<byte[]> revoked = client.api2Get(first, "/siem/v1/batch/events/cg?pageSize=1");
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(SimClient.json(revoked).path("fail").get(0).path("code").asText())
        .isEqualTo("token_expired");
    assertThat(client.api2Get(second, "/siem/v1/batch/events/cg?pageSize=1").statusCode())
        .isEqualTo(401);
    assertThat(client.api2Get(client.token(), "/siem/v1/batch/events/cg?pageSize=1").statusCode())
        .isEqualTo(200);
  }

  @Test
  void closeReleasesAHeldConnectionPromptly() throws Exception {
    startSmall();
    simulator.faults().arm(FaultType.TIMEOUT, 1, null);
    var pending =
        client.http.sendAsync(
            client.signed(AUDIT, AUDIT_BODY).build(), HttpResponse.BodyHandlers.ofByteArray());
    for (int wait = 0; wait < 500 && !simulator.faults().armed().isEmpty(); wait++) {
      Thread.sleep(10); // until the request is being held
    }
    assertThat(simulator.faults().armed()).as("the request reached the server").isEmpty();

    simulator.close();
    simulator = null;

    assertThatThrownBy(() -> pending.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class);
  }

  private String firstBatchUrl() {
    JsonNode page =
        SimClient.json(client.api2Get(client.token(), "/siem/v1/batch/events/cg?pageSize=1"));
    return page.path("value").get(0).path("url").asText();
  }

  private static boolean notJson(String line) {
    try {
      SimClient.JSON.readTree(line);
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
