package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitTest extends SimulatorTestBase {
  private static final String AUDIT = "/api/audit/get-audit-events";
  private static final String BODY =
      "{\"data\":[{\"startDateTime\":\"2024-11-13T00:00:00+0000\",\"endDateTime\":\"2024-11-13T12:00:00+0000\"}]}";

  @BeforeEach
  void startSimulator() throws Exception {
    start(smallOptions().rateLimitPerMinute(5).build());
  }

  @Test
  void everyResponseCarriesTheBudgetAndTheSixthCallIsRefused() {
    for (int call = 1; call <= 5; call++) {
      HttpResponse<byte[]> response = client.api1(AUDIT, BODY);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("5");
      assertThat(response.headers().firstValue("X-RateLimit-Remaining"))
          .contains(Integer.toString(5 - call));
    }

    HttpResponse<byte[]> refused = client.api1(AUDIT, BODY);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).contains("0");
    // T0 is 30.25 s into its minute: the window resets in 29.75 s.
    assertThat(refused.headers().firstValue("X-RateLimit-Reset")).contains("29750");
    assertThat(SimClient.json(refused).path("fail").get(0).path("message").asText()).isNotBlank();

    clock.advance(Duration.ofMillis(29_750));
    assertThat(client.api1(AUDIT, BODY).statusCode()).isEqualTo(200);
  }

  @Test
  void budgetsArePerCredential() {
    for (int call = 0; call < 5; call++) {
      client.api1(AUDIT, BODY);
    }
    assertThat(client.api1(AUDIT, BODY).statusCode()).isEqualTo(429);

    String token = client.token();
    HttpResponse<byte[]> api2 = client.api2Post(token, AUDIT, BODY);
    assertThat(api2.statusCode()).isEqualTo(200);
    assertThat(api2.headers().firstValue("X-RateLimit-Remaining")).contains("3");
  }

  @Test
  void api2RefusalsUseTheGatewayBody() {
    String token = client.token();
    for (int call = 0; call < 4; call++) {
      client.api2Get(token, "/siem/v1/batch/events/cg?pageSize=1");
    }
    HttpResponse<byte[]> refused = client.api2Get(token, "/siem/v1/batch/events/cg?pageSize=1");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(SimClient.json(refused).path("fail").get(0).path("code").asText())
        .isEqualTo("rate_limit_exceeded");
  }

  @Test
  void failedCallsCarryTheHeadersToo() {
    client.accessKey = "unknown";
    HttpResponse<byte[]> response = client.api1(AUDIT, BODY);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains("5");
    assertThat(response.headers().firstValue("X-RateLimit-Reset")).isPresent();
  }
}
