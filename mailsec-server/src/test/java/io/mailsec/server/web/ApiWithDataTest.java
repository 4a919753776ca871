package io.mailsec.server.web;

import static io.mailsec.server.web.WebHarness.admin;
import static io.mailsec.server.web.WebHarness.analyst;
import static io.mailsec.server.web.WebHarness.body;
import static io.mailsec.server.web.WebHarness.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.server.auth.Role;
import io.mailsec.server.collect.Collector;
import io.mailsec.server.collect.CollectorSupervisor;
import io.mailsec.server.collect.MimecastClients;
import io.mailsec.server.collect.MimecastSourceProvider;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The API over real data: the simulator serves a day of history, two integrations (API 2.0 and 1.0)
 * are created through the API with the simulator's credentials, the running collectors fetch it,
 * and then search, paging, aggregation, events, timelines, export, integrations and saved searches
 * are exercised over loopback. Finally every response and log line is scanned for the secrets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiWithDataTest {
  MimecastSimulator sim;
  CollectorSupervisor collectors;
  WebHarness web;
  ListAppender<ILoggingEvent> logs = new ListAppender<>();
  Path root;

  /** Events before this are all collected; queries ending here see a fixed set. */
  Instant stable;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    root = tmp;
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    sim =
        MimecastSimulator.start(
            SimulatorOptions.builder()
                .port(0)
                .seed(3)
                .messagesPerDay(60)
                .history(Duration.ofDays(1))
                .rateLimitPerMinute(100_000)
                .build());
    var data = io.mailsec.server.DataDirectory.open(tmp);
    MimecastClients clients =
        new MimecastClients(data.vault(), RateBudgets.create(), ClientSettings.defaults());
    collectors =
        new CollectorSupervisor(
            i ->
                Collector.forIntegrations(
                    List.of(i),
                    clients,
                    new MimecastSourceProvider(Clock.systemUTC()),
                    data.store(),
                    Clock.systemUTC(),
                    4));
    collectors.start(Collector.ProgressListener.NONE);
    web = new WebHarness(data, b -> b.collectors(collectors));
    SimulatorCredentials c = sim.credentials();
    List<String> all =
        List.of("siem", "ttp-url", "ttp-attachment", "ttp-impersonation", "threat-intel", "audit");
    WebHarness.Response v2 =
        web.post(
            "/api/v1/integrations",
            body(
                "name",
                "Sim2",
                "api",
                "2.0",
                "baseUrl",
                sim.baseUrl().toString(),
                "clientId",
                c.api2ClientId(),
                "clientSecret",
                c.api2ClientSecret(),
                "dataTypes",
                all,
                "lookBack",
                "1d",
                "pollInterval",
                "30s"),
            admin());
    assertThat(v2.status()).as(v2.body()).isEqualTo(201);
    WebHarness.Response v1 =
        web.post(
            "/api/v1/integrations",
            body(
                "name", "Sim1",
                "api", "1.0",
                "baseUrl", sim.baseUrl().toString(),
                "appId", c.api1AppId(),
                "appKey", c.api1AppKey(),
                "accessKey", c.api1AccessKey(),
                "secretKey", c.api1SecretKey(),
                "dataTypes", List.of("siem", "audit"),
                "lookBack", "1d"),
            admin());
    assertThat(v1.status()).as(v1.body()).isEqualTo(201);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!allCaughtUp() && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(allCaughtUp()).as(web.get("/api/v1/integrations", viewer()).body()).isTrue();
    stable = Instant.now().minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS);
  }

  private boolean allCaughtUp() {
    JsonNode list = web.get("/api/v1/integrations", viewer()).json().get("integrations");
    int streams = 0;
    for (JsonNode i : list) {
      for (JsonNode s : i.get("streams")) {
        streams++;
        if (!s.get("caughtUp").asBoolean() || !s.get("state").asText().equals("CONNECTED")) {
          return false;
        }
      }
    }
    return streams == 8;
  }

  @AfterAll
  void stop() {
    if (collectors != null) {
      collectors.close();
    }
    if (web != null) {
      web.close();
    }
    if (sim != null) {
      sim.close();
    }
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private JsonNode search(String query, Integer limit, String cursor) {
    WebHarness.Response r =
        web.post(
            "/api/v1/search", body("query", query, "limit", limit, "cursor", cursor), viewer());
    assertThat(r.status()).as(query + " -> " + r.body()).isEqualTo(200);
    return r.json();
  }

  private String window() {
    return " EARLIEST='" + stable.minus(Duration.ofDays(3)) + "' LATEST='" + stable + "'";
  }

  @Test
  void taegisExampleQueriesReturnResults() {
    JsonNode all = search("FROM email WHERE sensor_type = 'Mimecast' AND EARLIEST=-24h", 5, null);
    assertThat(all.get("kind").asText()).isEqualTo("events");
    assertThat(all.get("total").asLong()).isPositive();
    assertThat(all.get("expanded").asText()).startsWith("FROM email WHERE");
    assertThat(all.get("tookMs").asLong()).isNotNegative();

    JsonNode delivered =
        search("FROM email WHERE sensor_type = 'Mimecast' AND status = 'delivered'", 50, null);
    assertThat(delivered.get("total").asLong()).isPositive();
    for (JsonNode e : delivered.get("events")) {
      assertThat(e.at("/fields/status").asText()).isEqualTo("delivered");
    }
    JsonNode byIntegration =
        search("WHERE sensor_type = 'mimecast' AND ingest.integration_id = 'sim1'", 50, null);
    assertThat(byIntegration.get("total").asLong()).isPositive();
    for (JsonNode e : byIntegration.get("events")) {
      assertThat(e.at("/fields/ingest/integration_id").asText()).isEqualTo("sim1");
    }
    search("FROM email WHERE sensor_type = 'Mimecast' AND original_data CONTAINS 'virus'", 5, null);
  }

  @Test
  void dashboardsListQueriesTheSearchApiAnswersWithCharts() {
    for (String range : List.of("1h", "24h", "7d", "31d")) {
      JsonNode dashboards = web.get("/api/v1/dashboards?range=" + range, viewer()).json();
      assertThat(dashboards.at("/range/id").asText()).isEqualTo(range);
      assertThat(dashboards.get("ranges")).hasSize(4);
      DashboardCatalog.Range expected = DashboardCatalog.range(range);
      Instant from = Instant.parse(dashboards.get("from").asText());
      Instant to = Instant.parse(dashboards.get("to").asText());
      assertThat(Duration.between(from, to)).isEqualTo(expected.length());
      assertThat(to.toEpochMilli() % expected.interval().toMillis())
          .as("the window ends at an interval's end")
          .isZero();
      assertThat(to).isAfter(Instant.now().minusSeconds(5));
      assertThat(to).isBeforeOrEqualTo(Instant.now().plus(expected.interval()));
      String window = " EARLIEST='" + from + "' LATEST='" + to + "'";
      assertThat(dashboards.get("panels")).hasSize(9);
      for (JsonNode panel : dashboards.get("panels")) {
        String query = panel.get("query").asText();
        assertThat(query).as(panel.toString()).contains(window);
        JsonNode answer = search(query, null, null);
        assertThat(answer.get("kind").asText()).as(query).isEqualTo("table");
        if (panel.get("overTime").asBoolean()) {
          assertThat(answer.at("/columns/0/name").asText())
              .as(query)
              .isEqualTo("bin(event_time, " + dashboards.at("/range/bin").asText() + ")");
        }
      }
      assertThat(dashboards.get("kpis")).hasSize(5);
      for (JsonNode kpi : dashboards.get("kpis")) {
        assertThat(search(kpi.get("query").asText(), 1, null).get("kind").asText())
            .isEqualTo("events");
        JsonNode count = search(kpi.get("countQuery").asText(), null, null);
        assertThat(count.at("/rows/0/0").isIntegralNumber()).as(kpi.toString()).isTrue();
        if (kpi.get("id").asText().equals("messages") && !range.equals("1h")) {
          assertThat(count.at("/rows/0/0").asLong()).as(kpi.toString()).isPositive();
        }
      }
    }
    JsonNode day = web.get("/api/v1/dashboards", viewer()).json();
    assertThat(day.at("/range/id").asText()).as("the default range").isEqualTo("24h");
    assertThat(search(day.at("/panels/0/query").asText(), null, null).get("rows")).isNotEmpty();

    WebHarness.Response unknown = web.get("/api/v1/dashboards?range=2w", viewer());
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/fields/range").asText()).contains("24h", "7d");
  }

  @Test
  void cursorPagesAreDisjointAndCoverTheTotal() {
    String query = "FROM email" + window();
    JsonNode first = search(query, 37, null);
    long total = first.get("total").asLong();
    assertThat(total).isGreaterThan(37);
    Set<String> ids = new HashSet<>();
    List<String> order = new ArrayList<>();
    JsonNode page = first;
    int pages = 0;
    while (true) {
      pages++;
      assertThat(page.get("total").asLong()).isEqualTo(total);
      for (JsonNode e : page.get("events")) {
        order.add(e.at("/fields/id").asText());
        ids.add(e.at("/fields/id").asText());
      }
      if (page.get("nextCursor").isNull()) {
        break;
      }
      page = search(query, 37, page.get("nextCursor").asText());
    }
    assertThat(order).hasSize((int) total);
    assertThat(ids).hasSize((int) total);
    assertThat(pages).isEqualTo((int) ((total + 36) / 37));

    WebHarness.Response foreign =
        web.post(
            "/api/v1/search",
            body("query", "FROM http", "cursor", first.get("nextCursor").asText()),
            viewer());
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.json().at("/error/code").asText()).isEqualTo("bad_cursor");
  }

  @Test
  void aggregationsReturnTables() {
    long total = search("FROM email" + window(), 1, null).get("total").asLong();
    JsonNode table =
        search("FROM email" + window() + " | aggregate count by direction", null, null);
    assertThat(table.get("kind").asText()).isEqualTo("table");
    assertThat(table.at("/columns/0/name").asText()).isEqualTo("direction");
    assertThat(table.at("/columns/1/name").asText()).isEqualTo("count");
    long sum = 0;
    for (JsonNode row : table.get("rows")) {
      sum += row.get(1).asLong();
    }
    JsonNode withoutDirection = search("FROM email WHERE direction IS NULL" + window(), 1, null);
    assertThat(sum + withoutDirection.get("total").asLong()).isEqualTo(total);

    JsonNode histogram =
        search("FROM email EARLIEST=-24h | aggregate count by bin(event_time, 1h)", null, null);
    assertThat(histogram.get("kind").asText()).isEqualTo("table");
    assertThat(histogram.get("rows").size()).isBetween(24, 25);
  }

  @Test
  void eventByIdAndItsMessageTimeline() {
    JsonNode hit = search("FROM email WHERE correlation_id IS NOT NULL" + window(), 1, null);
    JsonNode event = hit.at("/events/0");
    String id = event.at("/fields/id").asText();
    WebHarness.Response one = web.get("/api/v1/events/" + id, viewer());
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json()).isEqualTo(event);
    assertThat(one.json().at("/fields/original_data").asText()).isNotEmpty();

    JsonNode timeline = web.get("/api/v1/events/" + id + "/timeline", viewer()).json();
    String correlation = event.at("/fields/correlation_id").asText();
    List<String> ids = new ArrayList<>();
    Instant previous = Instant.MIN;
    for (JsonNode e : timeline.get("events")) {
      ids.add(e.at("/fields/id").asText());
      Instant t = Instant.parse(e.at("/fields/event_time").asText());
      assertThat(t).isAfterOrEqualTo(previous);
      previous = t;
      if (e.get("schema").asText().equals("email")) {
        assertThat(e.at("/fields/correlation_id").asText()).isEqualTo(correlation);
      }
    }
    assertThat(ids).contains(id);
    long sameMessage =
        search("FROM email WHERE correlation_id = '" + correlation + "'", 1, null)
            .get("total")
            .asLong();
    assertThat(timeline.get("events").size()).isGreaterThanOrEqualTo((int) sameMessage);

    assertThat(web.get("/api/v1/events/nope", viewer()).status()).isEqualTo(404);
  }

  @Test
  void exportStreamsEveryMatchingEvent() {
    String query = "FROM email" + window();
    long total = search(query, 1, null).get("total").asLong();
    String q = URLEncoder.encode(query, StandardCharsets.UTF_8);
    WebHarness.Response ndjson =
        web.get("/api/v1/search/export?format=ndjson&query=" + q, viewer());
    assertThat(ndjson.status()).isEqualTo(200);
    assertThat(ndjson.raw().headers().firstValue("Content-Disposition")).isPresent();
    assertThat(ndjson.body().lines().count()).isEqualTo(total);
    WebHarness.Response csv =
        web.get("/api/v1/search/export?format=csv&fields=id,subject&query=" + q, viewer());
    assertThat(csv.body().split("\r\n")[0]).isEqualTo("id,subject");
    assertThat(csv.body().split("\r\n")).hasSize((int) total + 1);
    WebHarness.Response bad = web.get("/api/v1/search/export?format=xml&query=" + q, viewer());
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void savedSearches() {
    WebHarness.Response wrong =
        web.send(
            "PUT",
            "/api/v1/saved-searches/Held",
            body("query", "FROM email WHERE statu = 'held'"),
            analyst());
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().at("/error/column").asInt()).isEqualTo(18);
    WebHarness.Response ok =
        web.send(
            "PUT",
            "/api/v1/saved-searches/Held",
            body("query", "FROM email WHERE status = 'held'"),
            analyst());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("owner").asText()).isEqualTo("analyst");
    assertThat(web.get("/api/v1/saved-searches", viewer()).body()).contains("\"Held\"");
    assertThat(web.send("DELETE", "/api/v1/saved-searches/held", null, analyst()).status())
        .isEqualTo(204);
    assertThat(web.send("DELETE", "/api/v1/saved-searches/held", null, analyst()).status())
        .isEqualTo(404);
  }

  @Test
  void integrationsShowHealthAndMaskSecrets() {
    JsonNode one = web.get("/api/v1/integrations/sim2", viewer()).json();
    assertThat(one.get("state").asText()).isEqualTo("CONNECTED");
    assertThat(one.at("/clientSecret/set").asBoolean()).isTrue();
    assertThat(one.at("/clientSecret/source").asText()).isEqualTo("encrypted");
    assertThat(one.get("streams")).hasSize(6);
    assertThat(one.at("/streams/0/storedEvents").asLong()).isPositive();
    JsonNode test = web.post("/api/v1/integrations/sim1/test", null, admin()).json();
    assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
    assertThat(test.get("results")).hasSize(2);
  }

  @Test
  void integrationChangesTakeEffectInTheRunningServer() throws Exception {
    SimulatorCredentials c = sim.credentials();
    String create =
        body(
            "name", "SimAudit",
            "api", "2.0",
            "baseUrl", sim.baseUrl().toString(),
            "clientId", c.api2ClientId(),
            "clientSecret", c.api2ClientSecret(),
            "dataTypes", List.of("audit"),
            "lookBack", "1d");
    JsonNode valid = web.post("/api/v1/integrations/validate", create, admin()).json();
    assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
    assertThat(web.post("/api/v1/integrations", create, admin()).status()).isEqualTo(201);
    JsonNode taken = web.post("/api/v1/integrations/validate", create, admin()).json();
    assertThat(taken.at("/fields/name").asText()).contains("taken");

    awaitState("simaudit", "CONNECTED");
    assertThat(collectors.streams().toString()).contains("simaudit/audit");

    WebHarness.Response moved =
        web.send(
            "PUT", "/api/v1/integrations/simaudit", body("baseUrl", "http://127.0.0.1:9"), admin());
    assertThat(moved.status()).isEqualTo(400);
    assertThat(moved.json().at("/error/fields/clientSecret").asText()).contains("again");

    assertThat(
            web.post("/api/v1/integrations/simaudit/disable", null, admin())
                .json()
                .get("state")
                .asText())
        .isEqualTo("DISABLED");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (collectors.streams().toString().contains("simaudit") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(collectors.streams().toString()).doesNotContain("simaudit");
    web.post("/api/v1/integrations/simaudit/enable", null, admin());
    awaitState("simaudit", "CONNECTED");

    assertThat(web.send("DELETE", "/api/v1/integrations/simaudit", null, admin()).status())
        .isEqualTo(204);
    assertThat(web.get("/api/v1/integrations/simaudit", viewer()).status()).isEqualTo(404);
    JsonNode audit = web.get("/api/v1/audit", admin()).json().get("entries");
    assertThat(audit.toString())
        .contains("integration.create", "integration.disable", "integration.delete");
  }

  private void awaitState(String id, String state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String seen = "";
    while (System.nanoTime() < deadline) {
      seen = web.get("/api/v1/integrations/" + id, viewer()).json().get("state").asText();
      if (seen.equals(state)) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(seen).isEqualTo(state);
  }

  @Test
  void secretsAppearInNoResponseNoLogLineAndNoFileInClear() throws Exception {
    for (Route route : web.server.routes()) {
      if (route.method().name().equals("GET") && !route.open()) {
        String path =
            route
                .path()
                .replace("{id}", "sim2")
                .replace("{name}", "admin")
                .replaceAll("\\{[^}]+}", "none");
        web.get(path, admin());
        web.get(path, new WebHarness.TokenOf(Role.ADMIN));
      }
    }
    web.post("/api/v1/integrations/sim2/test", null, admin());
    web.send("PUT", "/api/v1/integrations/sim2", body("description", "edited"), admin());
    SimulatorCredentials c = sim.credentials();
    List<String> secrets =
        List.of(
            c.api2ClientSecret(),
            c.api1AppKey(),
            c.api1SecretKey(),
            c.api1AccessKey(),
            WebHarness.PASSWORD);
    List<String> haystacks = new ArrayList<>(web.transcript);
    List<String> fileTexts = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      haystacks.add(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        haystacks.add(e.getThrowableProxy().getMessage());
      }
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.toString().contains("store"))
              .toList()) {
        fileTexts.add(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(haystacks).hasSizeGreaterThan(50);
    for (String secret : secrets) {
      for (String text : haystacks) {
        assertThat(text).as("a response or log line").doesNotContain(secret);
      }
    }
    for (String secret : secrets) {
      for (String text : fileTexts) {
        assertThat(text).as("a file of the data directory").doesNotContain(secret);
      }
    }
    assertThat(String.join("\n", fileTexts)).doesNotContain(WebHarness.PASSWORD);
  }
}
