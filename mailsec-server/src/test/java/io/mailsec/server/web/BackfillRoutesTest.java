package io.mailsec.server.web;

import static io.mailsec.server.web.WebHarness.admin;
import static io.mailsec.server.web.WebHarness.analyst;
import static io.mailsec.server.web.WebHarness.body;
import static io.mailsec.server.web.WebHarness.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.mimecast.client.ClientSettings;
import io.mailsec.mimecast.client.DataType;
import io.mailsec.mimecast.client.RateBudgets;
import io.mailsec.server.DataDirectory;
import io.mailsec.server.auth.Role;
import io.mailsec.server.collect.BackfillManager;
import io.mailsec.server.collect.BackfillRunner;
import io.mailsec.server.collect.MimecastClients;
import io.mailsec.server.collect.MimecastSourceProvider;
import io.mailsec.server.config.ApiVersion;
import io.mailsec.server.config.IntegrationConfig;
import io.mailsec.simulator.FaultType;
import io.mailsec.simulator.MimecastSimulator;
import io.mailsec.simulator.SimulatorCredentials;
import io.mailsec.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill routes' contract over loopback, against the real server and the real simulator:
 * field errors for bad requests, retention clamps and refusals, 404s, one running job per
 * integration, roles, cancellation and the audit trail; and never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillRoutesTest {
  MimecastSimulator sim;
  DataDirectory data;
  BackfillManager manager;
  WebHarness web;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    sim =
        MimecastSimulator.start(
            SimulatorOptions.builder()
                .port(0)
                .seed(11)
                .messagesPerDay(40)
                .history(Duration.ofDays(1))
                .rateLimitPerMinute(1_000_000)
                .build());
    data = DataDirectory.open(tmp);
    data.integrations().add(integration("busy", EnumSet.allOf(DataType.class)));
    data.integrations().add(integration("old", EnumSet.of(DataType.SIEM, DataType.AUDIT)));
    data.integrations().add(integration("refused", EnumSet.of(DataType.SIEM, DataType.AUDIT)));
    data.integrations().add(integration("fuzz", EnumSet.of(DataType.AUDIT)));
    MimecastClients clients =
        new MimecastClients(data.vault(), RateBudgets.create(), ClientSettings.defaults());
    BackfillRunner runner =
        new BackfillRunner(
            clients,
            new MimecastSourceProvider(Clock.systemUTC()),
            data.detection().collectingStore(),
            Clock.systemUTC());
    manager =
        new BackfillManager(data.root(), data.integrations()::find, runner, Clock.systemUTC());
    web = new WebHarness(data, b -> b.backfills(manager));
  }

  @AfterAll
  void stop() {
    if (web != null) {
      web.close();
    }
    if (manager != null) {
      manager.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private IntegrationConfig integration(String name, EnumSet<DataType> types) {
    SimulatorCredentials c = sim.credentials();
    return new IntegrationConfig(
        name,
        null,
        null,
        ApiVersion.V2,
        null,
        sim.baseUrl(),
        null,
        null,
        null,
        null,
        c.api2ClientId(),
        data.vault().encrypt(c.api2ClientSecret()),
        types,
        null,
        Duration.ofDays(1),
        Duration.ofSeconds(30),
        List.of(),
        List.of(),
        true,
        Instant.now());
  }

  /** Every call goes through here: whatever the request, the server never answers 5xx. */
  private WebHarness.Response send(String method, String path, String body, WebHarness.As as) {
    WebHarness.Response r = web.send(method, path, body, as);
    assertThat(r.status()).as(method + " " + path + " " + body + " -> " + r.body()).isLessThan(500);
    return r;
  }

  private WebHarness.Response start(String integration, Object from, Object to, Object types) {
    return send(
        "POST",
        "/api/v1/integrations/" + integration + "/backfills",
        body("from", from, "to", to, "dataTypes", types),
        admin());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  private int jobCount(String integration) {
    WebHarness.Response r =
        send("GET", "/api/v1/integrations/" + integration + "/backfills", null, viewer());
    assertThat(r.status()).isEqualTo(200);
    return r.json().path("backfills").size();
  }

  /** Polls the job until it has finished (bounded), returning its last view. */
  private JsonNode awaitFinished(String integration, String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode job;
    do {
      Thread.sleep(100);
      WebHarness.Response r =
          send(
              "GET", "/api/v1/integrations/" + integration + "/backfills/" + jobId, null, viewer());
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      job = r.json();
    } while (List.of("QUEUED", "RUNNING").contains(job.path("state").asText())
        && System.nanoTime() < deadline);
    return job;
  }

  private static JsonNode fields(WebHarness.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonNode error = r.json().path("error");
    assertThat(error.path("code").asText()).as(r.body()).isEqualTo("validation");
    return error.path("fields");
  }

  @Test
  void badRangesAndUnknownTypesAreFieldErrors() {
    Instant now = now();
    String hourAgo = now.minus(Duration.ofHours(1)).toString();
    String twoHoursAgo = now.minus(Duration.ofHours(2)).toString();
    int jobsBefore = jobCount("refused");

    JsonNode unparseable = fields(start("refused", "yesterday", hourAgo, null));
    assertThat(unparseable.path("from").asText()).contains("ISO-8601");
    assertThat(unparseable.has("to")).isFalse();

    JsonNode missing = fields(start("refused", twoHoursAgo, null, null));
    assertThat(missing.path("to").asText()).startsWith("required");

    JsonNode both = fields(start("refused", "", "31/01/2026", null));
    assertThat(both.has("from")).isTrue();
    assertThat(both.has("to")).isTrue();

    WebHarness.Response invertedAnswer = start("refused", hourAgo, twoHoursAgo, null);
    assertThat(fields(invertedAnswer).path("to").asText()).contains("after 'from'");
    assertThat(invertedAnswer.json().at("/error/message").asText())
        .as("the message alone says what to fix")
        .contains("to: must be after 'from'");
    assertThat(fields(start("refused", hourAgo, hourAgo, null)).path("to").asText())
        .contains("after 'from'");

    String future = now.plus(Duration.ofHours(1)).toString();
    assertThat(fields(start("refused", hourAgo, future, null)).path("to").asText())
        .contains("future");

    JsonNode unknown = fields(start("refused", twoHoursAgo, hourAgo, List.of("siem", "smtp")));
    assertThat(unknown.path("dataTypes").asText()).contains("smtp").contains("known: siem");
    assertThat(unknown.has("from")).isFalse();

    JsonNode notCollected = fields(start("refused", twoHoursAgo, hourAgo, List.of("ttp-url")));
    assertThat(notCollected.path("dataTypes").asText())
        .contains("does not collect ttp-url")
        .contains("audit, siem");

    JsonNode everything = fields(start("refused", "soon", "later", List.of("x")));
    assertThat(everything.has("from") && everything.has("to") && everything.has("dataTypes"))
        .as(everything.toString())
        .isTrue();

    String path = "/api/v1/integrations/refused/backfills";
    assertThat(send("POST", path, "{", admin()).status()).isEqualTo(400);
    assertThat(send("POST", path, null, admin()).status()).isEqualTo(400);
    assertThat(
            send("POST", path, "{\"from\":\"" + twoHoursAgo + "\",\"dataTypes\":\"siem\"}", admin())
                .status())
        .isEqualTo(400);
    assertThat(jobCount("refused")).as("no refused request leaves a job").isEqualTo(jobsBefore);
  }

  @Test
  void aRangeOlderThanATypesRetentionIsClampedWithANote() throws Exception {
    Instant now = now();
    Instant from = now.minus(Duration.ofDays(10));
    Instant to = now.minus(Duration.ofDays(6).plusHours(12));
    WebHarness.Response r = start("old", from.toString(), to.toString(), List.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode job = r.json();
    assertThat(job.path("from").asText()).isEqualTo(from.toString());
    assertThat(job.path("createdBy").asText()).isEqualTo(Role.ADMIN.id());
    List<String> types = new ArrayList<>();
    for (JsonNode t : job.path("types")) {
      types.add(t.path("dataType").asText());
      assertThat(Instant.parse(t.path("requestedFrom").asText())).isEqualTo(from);
      assertThat(Instant.parse(t.path("to").asText())).isEqualTo(to);
      Instant typeFrom = Instant.parse(t.path("from").asText());
      if (t.path("dataType").asText().equals("siem")) {
        // Seven days back plus the ten-minute margin, as of the moment the server planned it.
        assertThat(typeFrom)
            .isAfter(now.minus(Duration.ofDays(7)))
            .isBefore(Instant.now().minus(Duration.ofDays(7)).plus(Duration.ofMinutes(11)));
        assertThat(t.path("note").asText())
            .contains("Mimecast keeps siem for 7 days")
            .contains("collecting from " + typeFrom);
      } else {
        assertThat(typeFrom).as("audit is kept 60 days: not clamped").isEqualTo(from);
        assertThat(t.path("note").isNull()).as(t.toString()).isTrue();
      }
    }
    assertThat(types).containsExactlyInAnyOrder("siem", "audit");
    JsonNode done = awaitFinished("old", job.path("id").asText());
    assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
  }

  @Test
  void aRangeWhollyOutsideRetentionIsRefused() {
    Instant now = now();
    String from = now.minus(Duration.ofDays(20)).toString();
    String to = now.minus(Duration.ofDays(10)).toString();
    int before = jobCount("refused");
    for (List<String> types :
        List.of(List.of("siem"), List.of("siem", "audit"), List.<String>of())) {
      WebHarness.Response r = start("refused", from, to, types);
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.json().at("/error/message").asText())
          .contains("Mimecast keeps siem for 7 days")
          .contains("nothing of it can be collected");
    }
    WebHarness.Response auditOnly = start("refused", from, to, List.of("audit"));
    assertThat(auditOnly.status()).as("audit is kept 60 days: " + auditOnly.body()).isEqualTo(201);
    assertThat(jobCount("refused")).isEqualTo(before + 1);
  }

  @Test
  void unknownIntegrationsAndJobsAre404() {
    Instant now = now();
    String from = now.minus(Duration.ofHours(2)).toString();
    String to = now.minus(Duration.ofHours(1)).toString();
    assertThat(send("GET", "/api/v1/integrations/nope/backfills", null, viewer()).status())
        .isEqualTo(404);
    assertThat(start("nope", from, to, null).status()).isEqualTo(404);
    assertThat(send("GET", "/api/v1/integrations/nope/backfills/abc", null, viewer()).status())
        .isEqualTo(404);
    assertThat(send("GET", "/api/v1/integrations/fuzz/backfills/abc", null, viewer()).status())
        .isEqualTo(404);
    assertThat(send("POST", "/api/v1/integrations/fuzz/backfills/abc/cancel", "", admin()).status())
        .isEqualTo(404);
    assertThat(send("POST", "/api/v1/integrations/nope/backfills/abc/cancel", "", admin()).status())
        .isEqualTo(404);
  }

  @Test
  void oneJobAtATimeRolesCancelAndAudit() throws Exception {
    Instant now = now();
    String from = now.minus(Duration.ofHours(20)).toString();
    String to = now.minus(Duration.ofHours(1)).toString();
    String path = "/api/v1/integrations/busy/backfills";
    // Every simulator answer takes ~2 s, so the job is still running while the checks below run.
    sim.faults().arm(FaultType.SLOW, -1, null);
    String jobId;
    try {
      assertThat(send("POST", path, body("from", from, "to", to), analyst()).status())
          .isEqualTo(403);
      assertThat(send("POST", path, body("from", from, "to", to), viewer()).status())
          .isEqualTo(403);
      assertThat(jobCount("busy")).as("a refused role starts nothing").isZero();

      WebHarness.Response started = start("busy", from, to, null);
      assertThat(started.status()).as(started.body()).isEqualTo(201);
      jobId = started.json().path("id").asText();
      assertThat(started.json().path("types").size()).isEqualTo(DataType.values().length);

      WebHarness.Response second = start("busy", from, to, List.of("audit"));
      assertThat(second.status()).as(second.body()).isEqualTo(409);
      assertThat(second.json().at("/error/message").asText()).contains(jobId);

      JsonNode list = send("GET", path, null, viewer()).json().path("backfills");
      assertThat(list.size()).isEqualTo(1);
      assertThat(list.get(0).path("id").asText()).isEqualTo(jobId);
      JsonNode one = send("GET", path + "/" + jobId, null, viewer()).json();
      assertThat(one.path("state").asText()).isIn("QUEUED", "RUNNING");
      assertThat(
              send("GET", path + "/" + jobId, null, new WebHarness.TokenOf(Role.VIEWER)).status())
          .isEqualTo(200);

      assertThat(send("POST", path + "/" + jobId + "/cancel", "", analyst()).status())
          .isEqualTo(403);
      assertThat(send("POST", path + "/" + jobId + "/cancel", "", viewer()).status())
          .isEqualTo(403);
      assertThat(send("POST", path + "/" + jobId + "/cancel", "", admin()).status()).isEqualTo(200);
    } finally {
      sim.faults().clear();
    }
    JsonNode cancelled = awaitFinished("busy", jobId);
    assertThat(cancelled.path("state").asText()).as(cancelled.toString()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("finished").isNull()).isFalse();
    for (JsonNode t : cancelled.path("types")) {
      assertThat(t.path("state").asText()).as(t.toString()).isNotIn("QUEUED", "RUNNING");
    }
    assertThat(cancelled.path("types").findValuesAsText("state")).contains("CANCELLED");
    assertThat(
            send("POST", path + "/" + jobId + "/cancel", "", admin()).json().path("state").asText())
        .as("cancelling a finished job changes nothing")
        .isEqualTo("CANCELLED");

    WebHarness.Response again =
        start(
            "busy",
            now.minus(Duration.ofHours(2)).toString(),
            now.minus(Duration.ofHours(1)).toString(),
            List.of("audit"));
    assertThat(again.status()).as("the integration is free again: " + again.body()).isEqualTo(201);
    awaitFinished("busy", again.json().path("id").asText());

    String audit = send("GET", "/api/v1/audit?limit=200", null, admin()).body();
    assertThat(audit)
        .contains("integration.backfill.cancel")
        .contains("\"integration.backfill\"")
        .contains(jobId);
  }

  /** Seeded random start requests: every answer is 201, 400 or 409, never a 5xx. */
  @Test
  void randomStartRequestsNeverFail() throws Exception {
    SplittableRandom random = new SplittableRandom(4_711);
    Instant now = now();
    Object[] instants = {
      null,
      "",
      "not a time",
      now.minus(Duration.ofHours(3)).toString(),
      now.minus(Duration.ofHours(2)).toString(),
      now.plus(Duration.ofDays(1)).toString(),
      now.minus(Duration.ofDays(400)).toString(),
      "2026-02-30T00:00:00Z",
      "+999999999-12-31T23:59:59Z",
      12345,
      List.of("x")
    };
    Object[] types = {
      null, List.of(), List.of("audit"), List.of("siem"), List.of("AUDIT"), "audit", List.of(7)
    };
    for (int i = 0; i < 60; i++) {
      WebHarness.Response r =
          start(
              "fuzz",
              instants[random.nextInt(instants.length)],
              instants[random.nextInt(instants.length)],
              types[random.nextInt(types.length)]);
      assertThat(r.status()).as(r.body()).isIn(201, 400, 409);
      if (r.status() == 201) {
        JsonNode job = awaitFinished("fuzz", r.json().path("id").asText());
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("DONE");
      }
    }
  }
}
