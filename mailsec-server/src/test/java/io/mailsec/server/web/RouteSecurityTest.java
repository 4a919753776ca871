package io.mailsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.server.auth.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every route the server registers (its own list, so a new route cannot be forgotten) and
 * checks the access rules: no credentials gives 401, every role below the required one 403, a
 * session without the CSRF header on a state-changing route 403, and a bearer token of the required
 * role passes the guard without a CSRF header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteSecurityTest {
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
  void theRouteListIsWhatJavalinServes() {
    List<String> listed =
        web.server.routes().stream().map(r -> r.method().name() + " " + r.path()).toList();
    assertThat(web.server.registeredEndpoints()).containsExactlyInAnyOrderElementsOf(listed);
    assertThat(listed).hasSizeGreaterThan(30);
  }

  @Test
  void onlyHealthAndLoginAreOpen() {
    List<String> open =
        web.server.routes().stream().filter(Route::open).map(Route::toString).toList();
    assertThat(open).containsExactlyInAnyOrder("GET /health", "POST /api/v1/auth/login");
  }

  @Test
  void everyGuardedRouteRejectsMissingCredentials() {
    List<String> failures = new ArrayList<>();
    for (Route route : guarded()) {
      WebHarness.Response r = call(route, new WebHarness.Nobody());
      if (r.status() != 401 || !r.json().at("/error/code").asText().equals("unauthenticated")) {
        failures.add(route + " -> " + r.status() + " " + r.body());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void garbageCredentialsAreRejectedLikeNone() {
    List<String> failures = new ArrayList<>();
    for (Route route : guarded()) {
      for (String header :
          List.of(
              "Bearer mst_forged",
              "Bearer ",
              "Basic YWRtaW46YWRtaW4=",
              "Bearer " + "x".repeat(500))) {
        var request =
            java.net.http.HttpRequest.newBuilder(web.uri(concrete(route)))
                .method(
                    route.method().name(), java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .header("Authorization", header)
                .build();
        int status = web.send(request).status();
        if (status != 401) {
          failures.add(
              route
                  + " with "
                  + header.substring(0, Math.min(20, header.length()))
                  + " -> "
                  + status);
        }
      }
      var forgedCookie =
          java.net.http.HttpRequest.newBuilder(web.uri(concrete(route)))
              .method(
                  route.method().name(), java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
              .header("Cookie", AccessControl.SESSION_COOKIE + "=forged")
              .build();
      if (web.send(forgedCookie).status() != 401) {
        failures.add(route + " with a forged cookie");
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyRoleBelowTheRequiredOneIsForbidden() {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Route route : guarded()) {
      for (Role role : Role.values()) {
        if (role.includes(route.role())) {
          continue;
        }
        checked++;
        for (WebHarness.As as :
            List.of(new WebHarness.SessionOf(role, true), new WebHarness.TokenOf(role))) {
          WebHarness.Response r = call(route, as);
          if (r.status() != 403 || !r.json().at("/error/code").asText().equals("forbidden")) {
            failures.add(route + " as " + as + " -> " + r.status() + " " + r.body());
          }
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).as("some routes need more than viewer").isGreaterThan(10);
  }

  @Test
  void stateChangingRoutesNeedTheCsrfHeaderWithASession() {
    List<String> failures = new ArrayList<>();
    for (Route route : guarded()) {
      if (!route.changesState()) {
        continue;
      }
      WebHarness.Response r = call(route, new WebHarness.SessionOf(Role.ADMIN, false));
      if (r.status() != 403 || !r.json().at("/error/code").asText().equals("csrf")) {
        failures.add(route + " -> " + r.status() + " " + r.body());
      }
      WebHarness.Login login = web.login(Role.ADMIN);
      var wrong =
          java.net.http.HttpRequest.newBuilder(web.uri(concrete(route)))
              .method(
                  route.method().name(), java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
              .header("Cookie", login.cookie())
              .header(AccessControl.CSRF_HEADER, login.csrf() + "x")
              .build();
      if (web.send(wrong).status() != 403) {
        failures.add(route + " accepted a wrong CSRF token");
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void theRequiredRolePassesTheGuardWithSessionAndCsrfOrWithABearerToken() {
    List<String> failures = new ArrayList<>();
    for (Route route : guarded()) {
      if (route.path().equals("/api/v1/auth/logout")) {
        continue; // would end the shared session
      }
      for (WebHarness.As as :
          List.of(
              new WebHarness.SessionOf(route.role(), true), new WebHarness.TokenOf(route.role()))) {
        WebHarness.Response r = call(route, as);
        if (r.status() == 401 || r.status() == 403 || r.status() >= 500) {
          failures.add(route + " as " + as + " -> " + r.status() + " " + r.body());
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void theOpenApiDocumentListsEveryRouteWithItsRole() {
    JsonNode doc = web.get("/api/v1/openapi.json", WebHarness.viewer()).json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    List<String> missing = new ArrayList<>();
    for (Route route : web.server.routes()) {
      JsonNode op =
          doc.path("paths").path(route.path()).path(route.method().name().toLowerCase(Locale.ROOT));
      if (op.isMissingNode()) {
        missing.add(route.toString());
      } else {
        assertThat(op.path("x-mailsec-role").asText())
            .isEqualTo(route.open() ? "open" : route.role().id());
      }
    }
    assertThat(missing).isEmpty();
    for (String registered : web.server.registeredEndpoints()) {
      String[] mp = registered.split(" ", 2);
      assertThat(doc.path("paths").path(mp[1]).has(mp[0].toLowerCase(Locale.ROOT)))
          .as(registered)
          .isTrue();
    }
  }

  private List<Route> guarded() {
    return web.server.routes().stream().filter(r -> !r.open()).toList();
  }

  private WebHarness.Response call(Route route, WebHarness.As as) {
    String body = route.changesState() ? "{}" : null;
    return web.send(route.method().name(), concrete(route), body, as);
  }

  /** The route's path with every parameter filled with a value that names nothing. */
  private static String concrete(Route route) {
    return route.path().replaceAll("\\{[^}]+}", "no-such-thing");
  }
}
