package io.mailsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.server.auth.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never earns a 500: every state-changing route gets seeded random bodies (broken JSON,
 * wrong types, unknown fields, huge strings, deep nesting) as an admin with a bearer token, and
 * must answer with a 2xx, 4xx or — for the few that accept anything — success.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyFuzzTest {
  WebHarness web;

  @BeforeAll
  void start(@TempDir Path tmp) {
    web = new WebHarness(tmp);
  }

  @AfterAll
  void stop() {
    web.close();
  }

  @Test
  void randomBodiesNeverCauseAServerError() {
    SplittableRandom random = new SplittableRandom(20261123L);
    List<String> failures = new ArrayList<>();
    for (Route route : web.server.routes()) {
      if (!route.changesState() || route.path().contains("login")) {
        continue;
      }
      for (int i = 0; i < 25; i++) {
        String body = randomBody(random);
        String path = route.path().replaceAll("\\{[^}]+}", random.nextBoolean() ? "sim" : "%2e%2e");
        WebHarness.Response r =
            web.send(route.method().name(), path, body, new WebHarness.TokenOf(Role.ADMIN));
        if (r.status() >= 500 || (r.status() >= 400 && !r.body().contains("\"error\""))) {
          failures.add(route + " <- " + clip(body) + " -> " + r.status() + " " + clip(r.body()));
        }
      }
    }
    for (int i = 0; i < 40; i++) {
      String body = randomBody(random);
      int status = web.post("/api/v1/auth/login", body, new WebHarness.Nobody()).status();
      if (status >= 500 || status == 200) {
        failures.add("login <- " + clip(body) + " -> " + status);
      }
    }
    assertThat(failures).isEmpty();
  }

  private static String clip(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  static String randomBody(SplittableRandom r) {
    String[] fields = {
      "query",
      "limit",
      "cursor",
      "name",
      "api",
      "baseUrl",
      "clientSecret",
      "dataTypes",
      "lookBack",
      "username",
      "password",
      "role",
      "enabled",
      "internalNetworks",
      "x"
    };
    return switch (r.nextInt(9)) {
      case 0 -> "";
      case 1 -> "{\"query\": " + "[".repeat(r.nextInt(1, 200));
      case 2 -> "not json at all " + r.nextInt();
      case 3 -> "[1,2,3]";
      case 4 ->
          "{\""
              + fields[r.nextInt(fields.length)]
              + "\": \""
              + "A".repeat(r.nextInt(1, 300_000))
              + "\"}";
      case 5 -> "null";
      case 6 -> "{\"" + fields[r.nextInt(fields.length)] + "\": " + value(r) + "}";
      case 7 ->
          "{\""
              + fields[r.nextInt(fields.length)]
              + "\": "
              + value(r)
              + ", \""
              + fields[r.nextInt(fields.length)]
              + "\": "
              + value(r)
              + "}";
      default -> "{\"query\": \"" + randomQuery(r) + "\", \"limit\": " + value(r) + "}";
    };
  }

  private static String value(SplittableRandom r) {
    return switch (r.nextInt(10)) {
      case 0 -> "null";
      case 1 -> String.valueOf(r.nextLong());
      case 2 -> "1e400";
      case 3 -> "true";
      case 4 -> "[null, 1, \"a\"]";
      case 5 -> "{\"a\": {\"b\": []}}";
      case 6 -> "\"\\u0000\\ud800\"";
      case 7 -> "-0.5";
      case 8 -> "\"" + "x".repeat(r.nextInt(0, 2000)) + "\"";
      default -> "\"FROM email | aggregate count by bin(event_time, 1s)\"";
    };
  }

  private static String randomQuery(SplittableRandom r) {
    String alphabet = "FROM email WHERE ()'=!|@,.x0123 aggregate head EARLIEST=-";
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(0, 80);
    for (int i = 0; i < n; i++) {
      s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString().replace("'", "");
  }
}
