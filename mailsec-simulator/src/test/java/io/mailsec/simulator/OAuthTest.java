package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthTest extends SimulatorTestBase {
  private static final String BATCH = "/siem/v1/batch/events/cg?pageSize=1";
  private static final String TTP_BODY = "{\"data\":[{\"oldestFirst\":true}]}";

  @BeforeEach
  void startSimulator() throws Exception {
    start(smallOptions().tokenLifetime(Duration.ofSeconds(120)).build());
  }

  @Test
  void issuesBearerTokensWithTheConfiguredLifetime() {
    HttpResponse<byte[]> response =
        tokenRequest(
            "grant_type=client_credentials&client_id="
                + SimClient.enc(client.credentials.api2ClientId())
                + "&client_secret="
                + SimClient.enc(client.credentials.api2ClientSecret()));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = SimClient.json(response);
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_in").asLong()).isEqualTo(120);
    assertThat(body.path("access_token").asText()).isNotBlank();
  }

  @Test
  void acceptsClientCredentialsAsHttpBasicToo() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (client.credentials.api2ClientId() + ":" + client.credentials.api2ClientSecret())
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(client.base.resolve("/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsBadCredentialsWithInvalidClientIdentifier() {
    HttpResponse<byte[]> response =
        tokenRequest(
            "grant_type=client_credentials&client_id="
                + SimClient.enc(client.credentials.api2ClientId())
                + "&client_secret=wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(SimClient.json(response).path("fail").get(0).path("code").asText())
        .isEqualTo("InvalidClientIdentifier");
  }

  @Test
  void rejectsOtherGrantTypes() {
    assertThat(tokenRequest("grant_type=password&username=a&password=b").statusCode())
        .isEqualTo(400);
  }

  @Test
  void theBearerTokenWorksOnSiemAndOnTheApiPaths() {
    String token = client.token();

    assertThat(client.api2Get(token, BATCH).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> ttp = client.api2Post(token, "/api/ttp/url/get-logs", TTP_BODY);
    assertThat(ttp.statusCode()).isEqualTo(200);
    assertThat(SimClient.json(ttp).path("fail")).isEmpty();
  }

  @Test
  void anExpiredTokenGets401TokenExpiredAndANewTokenWorks() {
    String token = client.token();
    clock.advance(Duration.ofSeconds(119));
    assertThat(client.api2Get(token, BATCH).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(2));
    HttpResponse<byte[]> expired = client.api2Get(token, BATCH);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(SimClient.json(expired).path("fail").get(0).path("code").asText())
        .isEqualTo("token_expired");
    assertThat(client.api2Post(token, "/api/ttp/url/get-logs", TTP_BODY).statusCode())
        .isEqualTo(401);

    assertThat(client.api2Get(client.token(), BATCH).statusCode()).isEqualTo(200);
  }

  @Test
  void siemEndpointsDemandABearerToken() {
    HttpResponse<byte[]> none =
        client.send(HttpRequest.newBuilder(client.base.resolve(BATCH)).GET().build());
    assertThat(none.statusCode()).isEqualTo(401);

    HttpResponse<byte[]> unknown = client.api2Get("made-up-token", BATCH);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(SimClient.json(unknown).path("fail").get(0).has("code")).isTrue();
  }

  @Test
  void getSiemLogsIsNotOfferedOnApi2() {
    HttpResponse<byte[]> response =
        client.api2Post(client.token(), "/api/audit/get-siem-logs", "{\"data\":[{}]}");
    assertThat(response.statusCode()).isEqualTo(404);
  }

  private HttpResponse<byte[]> tokenRequest(String form) {
    return client.send(
        HttpRequest.newBuilder(client.base.resolve("/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }
}
