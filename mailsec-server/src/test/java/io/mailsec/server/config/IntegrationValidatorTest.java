package io.mailsec.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.Region;
import io.mailsec.server.secrets.SecretRef;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The credential-shape and address checks of {@link IntegrationValidator}. */
class IntegrationValidatorTest {
  private static final SecretRef REF = SecretRef.parse("env:MC_SECRET");

  static IntegrationConfig v1(String appId, String region, URI baseUrl) {
    return new IntegrationConfig(
        "v1",
        null,
        null,
        ApiVersion.V1,
        region,
        baseUrl,
        appId,
        REF,
        REF,
        REF,
        null,
        null,
        Set.of(DataType.SIEM),
        null,
        null,
        null,
        null,
        null,
        true,
        Instant.EPOCH);
  }

  static IntegrationConfig v2(String clientId, String region, URI baseUrl) {
    return new IntegrationConfig(
        "v2",
        null,
        null,
        ApiVersion.V2,
        region,
        baseUrl,
        null,
        null,
        null,
        null,
        clientId,
        REF,
        Set.of(DataType.SIEM),
        null,
        null,
        null,
        null,
        null,
        true,
        Instant.EPOCH);
  }

  private static List<String> problems(IntegrationConfig c) {
    return IntegrationValidator.problems(c, List.of());
  }

  private static String guid(SplittableRandom random) {
    StringBuilder out = new StringBuilder();
    for (int group : new int[] {8, 4, 4, 4, 12}) {
      if (out.length() > 0) {
        out.append('-');
      }
      for (int i = 0; i < group; i++) {
        out.append("0123456789abcdef".charAt(random.nextInt(16)));
      }
    }
    return random.nextBoolean() ? out.toString() : out.toString().toUpperCase(Locale.ROOT);
  }

  @Test
  void applicationIdsMustBeGuidsAndMistakesAreNamedWithoutEchoingTheValue() {
    SplittableRandom random = new SplittableRandom(20261123);
    for (int i = 0; i < 500; i++) {
      String good = guid(random);
      assertThat(problems(v1(good, "eu", null))).as(good).isEmpty();
      String bad =
          switch (random.nextInt(5)) {
            case 0 -> good.replace("-", "");
            case 1 -> good.substring(0, 35);
            case 2 -> good + "0";
            case 3 -> good.substring(0, 10) + "g" + good.substring(11);
            default -> " " + good;
          };
      List<String> found = problems(v1(bad, "eu", null));
      assertThat(found).as(bad).hasSize(1);
      assertThat(found.get(0)).startsWith("app-id: Mimecast application ids are GUIDs");
      assertThat(found.get(0)).doesNotContain(bad.strip());
    }
    String pastedKey = "dGhpcy1pcy1hLWRlbW8tc2VjcmV0LWtleS0zMmJ5dGU=";
    assertThat(problems(v1(pastedKey, "eu", null)))
        .singleElement()
        .asString()
        .contains("44 characters", "application key or the access key")
        .doesNotContain(pastedKey);
    assertThat(problems(v1(" 8578fcfc-a305-4d9a-99cb-f4d5ecefe297", "eu", null)))
        .singleElement()
        .asString()
        .contains("spaces or line breaks around it");
  }

  @Test
  void clientIdsAreNotGuidsButMustBeOnePrintableToken() {
    SplittableRandom random = new SplittableRandom(5);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    for (int i = 0; i < 200; i++) {
      StringBuilder id = new StringBuilder();
      int length = 1 + random.nextInt(120);
      for (int c = 0; c < length; c++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(problems(v2(id.toString(), "global", null))).as(id.toString()).isEmpty();
      int at = random.nextInt(id.length());
      String broken = id.substring(0, at) + (random.nextBoolean() ? " " : "\n") + id.substring(at);
      assertThat(problems(v2(broken, "global", null)))
          .singleElement()
          .asString()
          .startsWith("client-id:")
          .contains("paste only the Client ID");
    }
    assertThat(problems(v2("x".repeat(201), "global", null)))
        .singleElement()
        .asString()
        .contains("201 characters");
    assertThat(problems(v2(null, "global", null)))
        .singleElement()
        .asString()
        .startsWith("client-id: required for API 2.0");
  }

  @Test
  void theSimulatorsCredentialsPass() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      try (MimecastSimulator sim =
          MimecastSimulator.start(
              SimulatorOptions.builder()
                  .port(0)
                  .seed(seed)
                  .messagesPerDay(5)
                  .history(Duration.ofHours(1))
                  .build())) {
        SimulatorCredentials c = sim.credentials();
        assertThat(problems(v1(c.api1AppId(), null, sim.baseUrl()))).isEmpty();
        assertThat(problems(v2(c.api2ClientId(), null, sim.baseUrl()))).isEmpty();
      }
    }
  }

  @Test
  void everyDocumentedHostPassesForItsVersionAndIsExplainedForTheOther() {
    for (Region region : Region.values()) {
      region
          .api1BaseUrl()
          .ifPresent(
              url -> {
                assertThat(problems(v1(GUID, null, url))).as(url.toString()).isEmpty();
                assertThat(problems(v1(GUID, region.id(), null))).isEmpty();
                assertThat(problems(v2("client", null, url)))
                    .singleElement()
                    .asString()
                    .contains("is an API 1.0 host", "API 2.0", "global (https://api.services");
              });
      region
          .api2BaseUrl()
          .ifPresent(
              url -> {
                assertThat(problems(v2("client", null, url))).as(url.toString()).isEmpty();
                assertThat(problems(v2("client", region.id(), null))).isEmpty();
                assertThat(problems(v1(GUID, null, url)))
                    .singleElement()
                    .asString()
                    .contains("is an API 2.0 host", "eu (https://eu-api.mimecast.com)");
              });
    }
  }

  private static final String GUID = "8578fcfc-a305-4d9a-99cb-f4d5ecefe297";

  @Test
  void baseUrlMistakesGetAnExplanation() {
    assertThat(only(v1(GUID, null, URI.create("https://api.mimecast.com"))))
        .contains("only finds an account's region", "eu (https://eu-api.mimecast.com)");
    assertThat(only(v1(GUID, null, URI.create("https://xx-api.mimecast.com"))))
        .contains("not a Mimecast API 1.0 host");
    assertThat(only(v1(GUID, null, URI.create("http://eu-api.mimecast.com"))))
        .startsWith("base-url: must start with https://");
    assertThat(only(v2("c", null, URI.create("https://api.services.mimecast.com:8443"))))
        .contains("leave out :8443");
    assertThat(only(v2("c", null, URI.create("https://user:pw@proxy.example.com"))))
        .contains("no user name, query");
    assertThat(only(v2("c", null, URI.create("http://10.1.2.3:8080"))))
        .contains("http:// only for a simulator on this machine");
    assertThat(only(v2("c", null, URI.create("ftp://proxy.example.com"))))
        .contains("must be a full address");
    assertThat(problems(v2("c", null, URI.create("https://mimecast-proxy.example.com")))).isEmpty();
    for (String local : List.of("http://127.0.0.1:1", "http://localhost:8080", "http://[::1]:9")) {
      assertThat(problems(v2("c", null, URI.create(local)))).as(local).isEmpty();
    }
    assertThat(only(v1(GUID, "mars", null)))
        .isEqualTo(
            "region: 'mars' is not a Mimecast region; for API 1.0 choose one of "
                + "eu, de, us, usb, uspcom, ca, za, au, je");
    assertThat(only(v2("c", "eu", null))).startsWith("region: 'eu' has no API 2.0 host");
  }

  private static String only(IntegrationConfig c) {
    List<String> found = problems(c);
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
