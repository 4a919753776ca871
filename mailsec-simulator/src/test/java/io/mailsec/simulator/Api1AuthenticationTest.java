package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Api1AuthenticationTest extends SimulatorTestBase {
  private static final String AUDIT = "/api/audit/get-audit-events";
  private static final String AUDIT_BODY =
      "{\"data\":[{\"startDateTime\":\"2024-11-13T00:00:00+0000\",\"endDateTime\":\"2024-11-13T12:00:00+0000\"}]}";

  @BeforeEach
  void startSimulator() throws Exception {
    startSmall();
  }

  @Test
  void theTestClientReproducesTheDocumentedSignatureVector() {
    String data =
        "Tue, 24 Nov 2015 12:50:11 UTC:8578FCFC-A305-4D9A-99CB-F4D5ECEFE297:"
            + "/api/audit/get-siem-logs:demo-app-key";
    assertThat(SimClient.sign("dGhpcy1pcy1hLWRlbW8tc2VjcmV0LWtleS0zMmJ5dGU=", data))
        .isEqualTo("/bkHbQSTOJHuPk71m0g/26uzjZY=");
  }

  @Test
  void aCorrectlySignedCallIsServed() {
    HttpResponse<byte[]> response = client.api1(AUDIT, AUDIT_BODY);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = SimClient.json(response);
    assertThat(body.path("fail")).isEmpty();
    assertThat(body.path("meta").path("status").asInt()).isEqualTo(200);
  }

  @Test
  void aWrongSignatureIsRejectedWith401() {
    client.secretKey =
        Base64.getEncoder().encodeToString("not the secret".getBytes(StandardCharsets.UTF_8));

    HttpResponse<byte[]> response = client.api1(AUDIT, AUDIT_BODY);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(
            SimClient.json(response)
                .path("fail")
                .get(0)
                .path("errors")
                .get(0)
                .path("code")
                .asText())
        .isEqualTo("err_xdk_signature_invalid");
  }

  @Test
  void signingTheFullUrlInsteadOfThePathIsRejected() {
    String date = SimClient.MC_DATE.format(clock.instant());
    String url = client.base.resolve(AUDIT).toString();
    String signature =
        SimClient.sign(
            client.secretKey, date + ":req-1:" + url + ":" + client.credentials.api1AppKey());
    HttpRequest request =
        HttpRequest.newBuilder(client.base.resolve(AUDIT))
            .header("Authorization", "MC " + client.accessKey + ":" + signature)
            .header("x-mc-app-id", client.credentials.api1AppId())
            .header("x-mc-date", date)
            .header("x-mc-req-id", "req-1")
            .POST(HttpRequest.BodyPublishers.ofString(AUDIT_BODY))
            .build();

    assertThat(client.send(request).statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownAccessKeyOrApplicationIsRejected() {
    client.accessKey = "not-a-known-access-key";
    assertThat(client.api1(AUDIT, AUDIT_BODY).statusCode()).isEqualTo(401);

    client.accessKey = client.credentials.api1AccessKey();
    HttpRequest wrongApp =
        client.signed(AUDIT, AUDIT_BODY).setHeader("x-mc-app-id", "some-other-app").build();
    HttpResponse<byte[]> response = client.send(wrongApp);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(
            SimClient.json(response)
                .path("fail")
                .get(0)
                .path("errors")
                .get(0)
                .path("code")
                .asText())
        .isEqualTo("err_developer_key");
  }

  @Test
  void aGmtDateIsAcceptedLikeUtc() {
    DateTimeFormatter gmt =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    String date = gmt.format(clock.instant());
    String signature =
        SimClient.sign(
            client.secretKey, date + ":req-2:" + AUDIT + ":" + client.credentials.api1AppKey());
    HttpRequest request =
        HttpRequest.newBuilder(client.base.resolve(AUDIT))
            .header("Authorization", "MC " + client.accessKey + ":" + signature)
            .header("x-mc-app-id", client.credentials.api1AppId())
            .header("x-mc-date", date)
            .header("x-mc-req-id", "req-2")
            .POST(HttpRequest.BodyPublishers.ofString(AUDIT_BODY))
            .build();

    assertThat(client.send(request).statusCode()).isEqualTo(200);
  }

  @Test
  void clockSkewWithinToleranceIsAcceptedAndBeyondItRejected() {
    // The client signs with its own clock; move the simulator's clock away from it.
    MutableClock clientClock = new MutableClock(clock.instant());
    SimClient skewed = new SimClient(simulator, clientClock);

    clientClock.set(clock.instant().minus(Duration.ofMinutes(14)));
    assertThat(skewed.api1(AUDIT, AUDIT_BODY).statusCode()).isEqualTo(200);

    clientClock.set(clock.instant().plus(Duration.ofMinutes(16)));
    HttpResponse<byte[]> tooFar = skewed.api1(AUDIT, AUDIT_BODY);
    assertThat(tooFar.statusCode()).isEqualTo(401);
    assertThat(
            SimClient.json(tooFar).path("fail").get(0).path("errors").get(0).path("code").asText())
        .isEqualTo("err_xdk_request_date_invalid");
  }

  @Test
  void anExpiredBindingAnswers418UntilTheClientLogsInAgain() throws Exception {
    simulator.faults().arm(FaultType.EXPIRE_BINDING, 1, null);

    HttpResponse<byte[]> expired = client.api1(AUDIT, AUDIT_BODY);
    assertThat(expired.statusCode()).isEqualTo(418);
    assertThat(
            SimClient.json(expired).path("fail").get(0).path("errors").get(0).path("code").asText())
        .isEqualTo("err_xdk_binding_expired");
    assertThat(client.api1(AUDIT, AUDIT_BODY).statusCode())
        .as("the binding stays expired")
        .isEqualTo(418);
    assertThat(simulator.faults().armed()).as("the fault fired once and is used up").isEmpty();

    JsonNode login = login(client.credentials.api1Password(), client.accessKey);
    assertThat(login.path("fail")).isEmpty();
    String oldKey = client.accessKey;
    client.accessKey = login.path("data").get(0).path("accessKey").asText();
    client.secretKey = login.path("data").get(0).path("secretKey").asText();

    assertThat(client.accessKey).isNotEqualTo(oldKey);
    assertThat(client.api1(AUDIT, AUDIT_BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void loginWithAWrongPasswordIsRejected() throws Exception {
    HttpResponse<byte[]> response = loginResponse("wrong-password", null);
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void discoverAuthenticationPointsTheRegionAtTheSimulator() {
    HttpRequest request =
        HttpRequest.newBuilder(client.base.resolve("/api/login/discover-authentication"))
            .header("x-mc-app-id", client.credentials.api1AppId())
            .header("x-mc-date", SimClient.MC_DATE.format(clock.instant()))
            .header("x-mc-req-id", "req-3")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"data\":[{\"emailAddress\":\"" + client.credentials.api1Email() + "\"}]}"))
            .build();

    JsonNode item = SimClient.json(client.send(request)).path("data").get(0);

    assertThat(item.path("region").path("api").asText()).isEqualTo(simulator.baseUrl().toString());
    assertThat(item.path("emailAddress").asText()).isEqualTo(client.credentials.api1Email());
  }

  @Test
  void pythonStyleRequestBodiesAreAccepted() {
    String pythonBody =
        "{'meta': {'pagination': {'pageSize': 5}}, 'data': [{'startDateTime': '2024-11-12T00:00:00+0000',"
            + " 'endDateTime': '2024-11-13T12:00:00+0000', 'query': None}]}";
    JsonNode body = client.api1Json(AUDIT, pythonBody);

    assertThat(body.path("fail")).isEmpty();
    assertThat(body.path("meta").path("pagination").path("pageSize").asInt()).isEqualTo(5);

    JsonNode ttp =
        client.api1Json(
            "/api/ttp/url/get-logs",
            "{'data': [{'from': '2024-11-13T00:00:00+0000', 'oldestFirst': True, 'route': 'all'}]}");
    assertThat(ttp.path("fail")).isEmpty();
  }

  @Test
  void validationErrorsComeAsFailInsideHttp200() {
    HttpResponse<byte[]> response =
        client.api1(AUDIT, "{\"data\":[{\"endDateTime\":\"2024-11-13T12:00:00+0000\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode error = SimClient.json(response).path("fail").get(0).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("err_validation_null");
    assertThat(error.path("field").asText()).isEqualTo("startDateTime");
  }

  private JsonNode login(String password, String expiredAccessKey) throws Exception {
    HttpResponse<byte[]> response = loginResponse(password, expiredAccessKey);
    assertThat(response.statusCode()).isEqualTo(200);
    return SimClient.json(response);
  }

  private HttpResponse<byte[]> loginResponse(String password, String expiredAccessKey) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (client.credentials.api1Email() + ":" + password).getBytes(StandardCharsets.UTF_8));
    String item =
        "{\"userName\":\""
            + client.credentials.api1Email()
            + "\""
            + (expiredAccessKey == null ? "" : ",\"accessKey\":\"" + expiredAccessKey + "\"")
            + "}";
    HttpRequest request =
        HttpRequest.newBuilder(client.base.resolve("/api/login/login"))
            .header("Authorization", "Basic-Cloud " + basic)
            .header("x-mc-app-id", client.credentials.api1AppId())
            .header("x-mc-date", SimClient.MC_DATE.format(clock.instant()))
            .header("x-mc-req-id", "req-4")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"data\":[" + item + "]}"))
            .build();
    return client.send(request);
  }
}
