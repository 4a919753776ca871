package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each scenario, injected over HTTP, is served by every endpoint that shows its kind of record,
 * with the values the scenario is about (read back as a collector reads them).
 */
class ScenarioRecordsTest extends ScenarioTestSupport {
  private static final String AT = "2024-11-13T12:09:30Z";

  @BeforeEach
  void startSimulator() throws Exception {
    startSmall();
  }

  private static List<JsonNode> withMessageId(List<JsonNode> records, JsonNode message) {
    String messageId = message.path("messageId").asText();
    return records.stream().filter(r -> r.path("messageId").asText().equals(messageId)).toList();
  }

  private static List<JsonNode> ofAggregate(List<JsonNode> events, JsonNode message, String type) {
    String aggregateId = message.path("aggregateId").asText();
    return events.stream()
        .filter(e -> e.path("type").asText().equals(type))
        .filter(
            e -> e.path("aggregateId").asText().replaceFirst("_\\d{10}$", "").equals(aggregateId))
        .toList();
  }

  @Test
  void maliciousAttachmentIsFlaggedAndStillDelivered() {
    String sha = "ab".repeat(32);
    JsonNode scenario =
        inject(
            "{\"scenario\":\"malicious-attachment-delivered\",\"at\":\""
                + AT
                + "\",\"params\":{\"sha256\":\""
                + sha
                + "\"}}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);

    JsonNode message = scenario.path("messages").get(0);
    List<JsonNode> batch = batchEvents();
    assertThat(ofAggregate(batch, message, "attachment protect"))
        .anySatisfy(e -> assertThat(e.path("sha256").asText()).isEqualTo(sha));
    assertThat(ofAggregate(batch, message, "delivery"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.path("delivered").asText()).isEqualTo("true"));
    assertThat(withMessageId(attachmentLogs(), message))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path("fileHash").asText()).isEqualTo(sha);
              assertThat(r.path("result").asText()).isEqualTo("malicious");
            });
    assertThat(ids(scenario, "threat-intel")).hasSize(2);
    assertThat(csvRows("malware_customer"))
        .anySatisfy(r -> assertThat(r.get("SHA256")).isEqualTo(sha));
  }

  @Test
  void releasedVariantHoldsOnAnAvHitThenDeliversAfterAnAdminRelease() {
    JsonNode scenario =
        inject(
            "{\"scenario\":\"malicious-attachment-delivered\",\"at\":\""
                + AT
                + "\",\"params\":{\"engine\":\"av\",\"variant\":\"released\"}}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);

    JsonNode message = scenario.path("messages").get(0);
    String sha = scenario.path("facts").path("sha256").asText();
    List<JsonNode> batch = batchEvents();
    assertThat(ofAggregate(batch, message, "av"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("sha256").asText()).isEqualTo(sha));
    assertThat(ofAggregate(batch, message, "process"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("action").asText()).isEqualTo("Hld"));
    List<JsonNode> deliveries = ofAggregate(batch, message, "delivery");
    assertThat(deliveries).singleElement();
    assertThat(deliveries.get(0).path("delivered").asText()).isEqualTo("true");
    long processed = ofAggregate(batch, message, "process").get(0).path("timestamp").asLong();
    assertThat(deliveries.get(0).path("timestamp").asLong() - processed)
        .isGreaterThanOrEqualTo(Duration.ofMinutes(25).toMillis());

    List<String> auditIds = ids(scenario, "audit");
    assertThat(auditIds).hasSize(1);
    assertThat(auditEvents())
        .filteredOn(e -> auditIds.contains(Keys.auditId(e)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("auditType").asText()).isEqualTo("Message Action");
              assertThat(e.path("eventInfo").asText())
                  .contains("released")
                  .contains(message.path("recipients").get(0).asText());
            });
  }

  @Test
  void urlClickThroughAfterAWarningAndAnAdminOverride() {
    JsonNode warned = inject("{\"scenario\":\"url-click-through\",\"at\":\"" + AT + "\"}");
    JsonNode permitted =
        inject(
            "{\"scenario\":\"url-click-through\",\"at\":\""
                + AT
                + "\",\"params\":{\"variant\":\"admin-override\",\"url\":\"https://evil.example/x\"}}");
    waitForCompletion(warned);
    waitForCompletion(permitted);
    assertServedEverywhere(warned);
    assertServedEverywhere(permitted);

    List<JsonNode> clicks = clicks();
    assertThat(withMessageId(clicks, warned.path("messages").get(0)))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("url").asText())
                  .isEqualTo(warned.path("facts").path("url").asText());
              assertThat(c.path("action").asText()).isEqualTo("warn");
              assertThat(c.path("userAwarenessAction").asText()).isEqualTo("Continue");
              assertThat(c.path("scanResult").asText()).isEqualTo("malicious");
              assertThat(c.path("adminOverride").asText()).isEqualTo("N/A");
              assertThat(c.path("creationMethod").asText()).isEqualTo("User Click");
            });
    assertThat(withMessageId(clicks, permitted.path("messages").get(0)))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("url").asText()).isEqualTo("https://evil.example/x");
              assertThat(c.path("action").asText()).isEqualTo("allow");
              assertThat(c.path("adminOverride").asText()).isEqualTo("Permit");
              assertThat(c.path("scanResult").asText()).isEqualTo("malicious");
            });
    assertThat(ofAggregate(batchEvents(), warned.path("messages").get(0), "url protect"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("action").asText()).isEqualTo("Warn"));
  }

  @Test
  void impersonationWaveFromALookAlikeDomainToFinance() {
    JsonNode scenario = inject("{\"scenario\":\"impersonation-wave\",\"at\":\"" + AT + "\"}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);

    String domain = scenario.path("facts").path("domain").asText();
    List<String> recipients =
        List.of(scenario.path("facts").path("recipients").asText().split(","));
    String internal = recipients.get(0).substring(recipients.get(0).indexOf('@') + 1);
    assertThat(recipients).hasSize(2).allSatisfy(r -> assertThat(r).endsWith("@" + internal));
    assertThat(domain).hasSameSizeAs(internal).isNotEqualTo(internal);
    int differences = 0;
    for (int i = 0; i < domain.length(); i++) {
      differences += domain.charAt(i) == internal.charAt(i) ? 0 : 1;
    }
    assertThat(differences).isEqualTo(1);

    assertThat(scenario.path("messages")).hasSize(5);
    List<JsonNode> logs = new ArrayList<>();
    for (JsonNode message : scenario.path("messages")) {
      logs.addAll(withMessageId(impersonationLogs(), message));
    }
    assertThat(logs).hasSize(5);
    assertThat(logs)
        .allSatisfy(
            l -> {
              assertThat(l.path("senderAddress").asText()).endsWith("@" + domain);
              assertThat(recipients).contains(l.path("recipientAddress").asText());
              assertThat(l.path("identifiers").toString()).contains("similar_internal_domain");
              assertThat(l.path("action").asText()).isEqualTo("hold");
            });
    List<Instant> times =
        logs.stream()
            .map(l -> Instant.ofEpochSecond(Keys.epochSecond(l.path("eventTime").asText())))
            .sorted()
            .toList();
    assertThat(Duration.between(times.get(0), times.get(4))).isLessThan(Duration.ofMinutes(10));
    List<JsonNode> batch = batchEvents();
    int siemHits = 0;
    for (JsonNode message : scenario.path("messages")) {
      siemHits += ofAggregate(batch, message, "impersonation protect").size();
    }
    assertThat(siemHits).isEqualTo(5);
  }

  @Test
  void indicatorFirstPublishesTheIndicatorBeforeTheEmailArrives() {
    JsonNode scenario = inject("{\"scenario\":\"indicator-hit\",\"at\":\"" + AT + "\"}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);
    assertIndicatorHit(scenario);

    Instant indicator = Instant.parse(scenario.path("facts").path("indicatorTime").asText());
    Instant email = Instant.parse(scenario.path("messages").get(0).path("receivedAt").asText());
    Instant indicatorPublished =
        indicator.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
    assertThat(indicatorPublished).isBefore(email);
  }

  @Test
  void eventFirstLetsTheIndicatorArriveAfterTheEmailWasLogged() {
    JsonNode scenario =
        inject(
            "{\"scenario\":\"indicator-hit\",\"at\":\""
                + AT
                + "\",\"params\":{\"order\":\"event-first\",\"url\":\"https://cdn.bad.example/a.zip\"}}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);
    assertIndicatorHit(scenario);

    Instant indicator = Instant.parse(scenario.path("facts").path("indicatorTime").asText());
    Instant email = Instant.parse(scenario.path("messages").get(0).path("receivedAt").asText());
    assertThat(indicator).isAfter(email.plus(Duration.ofMinutes(60)));
    assertThat(scenario.path("facts").path("host").asText()).isEqualTo("cdn.bad.example");
  }

  private void assertIndicatorHit(JsonNode scenario) {
    String sha = scenario.path("facts").path("sha256").asText();
    String url = scenario.path("facts").path("url").asText();
    JsonNode message = scenario.path("messages").get(0);
    List<JsonNode> stix = stixIndicators("malware_customer");
    JsonNode file =
        stix.stream()
            .filter(i -> i.path("pattern").asText().contains(sha))
            .findFirst()
            .orElseThrow();
    JsonNode link =
        stix.stream()
            .filter(i -> i.path("pattern").asText().contains("[url:value = '" + url + "']"))
            .findFirst()
            .orElseThrow();
    for (JsonNode indicator : List.of(file, link)) {
      Instant from = Instant.parse(indicator.path("valid_from").asText());
      Instant until = Instant.parse(indicator.path("valid_until").asText());
      assertThat(Duration.between(from, until)).isEqualTo(Duration.ofDays(30));
    }
    assertThat(link.path("pattern").asText())
        .contains("[domain-name:value = '" + scenario.path("facts").path("host").asText() + "']");
    assertThat(csvRows("malware_customer"))
        .anySatisfy(r -> assertThat(r.get("SHA256")).isEqualTo(sha));
    assertThat(withMessageId(attachmentLogs(), message))
        .singleElement()
        .satisfies(r -> assertThat(r.path("fileHash").asText()).isEqualTo(sha));
    assertThat(withMessageId(clicks(), message))
        .singleElement()
        .satisfies(c -> assertThat(c.path("url").asText()).isEqualTo(url));
    assertThat(ofAggregate(batchEvents(), message, "delivery"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("delivered").asText()).isEqualTo("true"));
  }

  @Test
  void logonFailuresAreFiveFailedAdminLogonsFromOneIpWithinTenMinutes() {
    JsonNode scenario = inject("{\"scenario\":\"logon-failures\",\"at\":\"" + AT + "\"}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);

    List<String> auditIds = ids(scenario, "audit");
    List<JsonNode> events =
        auditEvents().stream().filter(e -> auditIds.contains(Keys.auditId(e))).toList();
    assertThat(events).hasSize(5);
    String user = scenario.path("facts").path("user").asText();
    String ip = scenario.path("facts").path("ip").asText();
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.path("auditType").asText()).isEqualTo("Logon Authentication Failed");
              assertThat(e.path("user").asText()).isEqualTo(user);
              assertThat(e.path("eventInfo").asText()).contains("IP: " + ip + ",");
              assertThat(e.path("category").asText()).isEqualTo("authentication_logs");
            });
    assertWithinTenMinutes(events.stream().map(e -> e.path("eventTime").asText()).toList());
  }

  @Test
  void heldBurstIsTwentyHeldMessagesFromOneSenderAndIpWithinTenMinutes() {
    JsonNode scenario = inject("{\"scenario\":\"held-burst\",\"at\":\"" + AT + "\"}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);

    assertThat(scenario.path("messages")).hasSize(20);
    String sender = scenario.path("facts").path("sender").asText();
    String ip = scenario.path("facts").path("ip").asText();
    List<JsonNode> batch = batchEvents();
    List<String> receipts = new ArrayList<>();
    for (JsonNode message : scenario.path("messages")) {
      JsonNode receipt = ofAggregate(batch, message, "receipt").get(0);
      assertThat(receipt.path("senderEnvelope").asText()).isEqualTo(sender);
      assertThat(receipt.path("senderIp").asText()).isEqualTo(ip);
      assertThat(ofAggregate(batch, message, "process"))
          .singleElement()
          .satisfies(p -> assertThat(p.path("action").asText()).isEqualTo("Hld"));
      assertThat(ofAggregate(batch, message, "delivery")).isEmpty();
      receipts.add(Instant.ofEpochMilli(receipt.path("timestamp").asLong()).toString());
    }
    assertWithinTenMinutes(receipts);
  }

  @Test
  void rejectedBurstIsRejectedAtReceipt() {
    JsonNode scenario =
        inject(
            "{\"scenario\":\"held-burst\",\"at\":\""
                + AT
                + "\",\"params\":{\"action\":\"rejected\",\"count\":3,\"sender\":\"x@spam.example\"}}");
    waitForCompletion(scenario);
    List<JsonNode> batch = batchEvents();
    assertThat(scenario.path("messages")).hasSize(3);
    for (JsonNode message : scenario.path("messages")) {
      assertThat(ofAggregate(batch, message, "receipt"))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.path("action").asText()).isEqualTo("Rej");
                assertThat(r.path("senderEnvelope").asText()).isEqualTo("x@spam.example");
              });
      assertThat(ofAggregate(batch, message, "process")).isEmpty();
    }
  }

  @Test
  void bypassPolicyCreatesAPermittedSendersPolicyAndAnApiApplication() {
    JsonNode scenario = inject("{\"scenario\":\"bypass-policy\",\"at\":\"" + AT + "\"}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);

    List<String> auditIds = ids(scenario, "audit");
    List<JsonNode> events =
        auditEvents().stream().filter(e -> auditIds.contains(Keys.auditId(e))).toList();
    assertThat(events)
        .extracting(e -> e.path("auditType").asText())
        .containsExactlyInAnyOrder("Policy Created", "API Application Created");
    assertThat(events)
        .anySatisfy(
            e ->
                assertThat(e.path("eventInfo").asText())
                    .contains("Permitted Senders")
                    .contains(scenario.path("facts").path("senderDomain").asText()));
  }

  private static void assertWithinTenMinutes(List<String> times) {
    List<Long> seconds = times.stream().map(Keys::epochSecond).sorted().toList();
    assertThat(seconds.get(seconds.size() - 1) - seconds.get(0)).isLessThan(600L);
  }

  @Test
  void dlpHoldKeepsTheOutboundMessageFromLeaving() {
    JsonNode scenario =
        inject(
            "{\"scenario\":\"dlp-hold\",\"at\":\""
                + AT
                + "\",\"params\":{\"recipient\":\"Buyer@Partner.example\"}}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);

    JsonNode message = scenario.path("messages").get(0);
    assertThat(ids(scenario, "dlp")).hasSize(1);
    assertThat(withMessageId(dlpLogs(), message))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path("action").asText()).isEqualTo("hold");
              assertThat(r.path("policy").asText()).isEqualTo("Content Inspection - Watermark");
              assertThat(r.path("route").asText()).isEqualTo("outbound");
              assertThat(r.path("recipientAddress").asText()).isEqualTo("buyer@partner.example");
              assertThat(r.path("senderAddress").asText())
                  .isEqualTo(scenario.path("facts").path("sender").asText());
            });
    List<JsonNode> batch = batchEvents();
    assertThat(ofAggregate(batch, message, "receipt"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("direction").asText()).isEqualTo("Outbound"));
    assertThat(ofAggregate(batch, message, "process"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("action").asText()).isEqualTo("Hld"));
    assertThat(ofAggregate(batch, message, "delivery")).isEmpty();
  }

  @Test
  void dlpNotificationLetsTheMessageGo() {
    JsonNode scenario =
        inject(
            "{\"scenario\":\"dlp-hold\",\"at\":\""
                + AT
                + "\",\"params\":{\"action\":\"notification\",\"policy\":\"Board papers\"}}");
    waitForCompletion(scenario);
    assertServedEverywhere(scenario);

    JsonNode message = scenario.path("messages").get(0);
    assertThat(withMessageId(dlpLogs(), message))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path("action").asText()).isEqualTo("notification");
              assertThat(r.path("policy").asText()).isEqualTo("Board papers");
            });
    assertThat(ofAggregate(batchEvents(), message, "delivery")).isNotEmpty();
  }

  @Test
  void injectedRecordsAreServedOnceAcrossAllEndpoints() {
    for (String name : List.of("impersonation-wave", "indicator-hit", "logon-failures")) {
      inject("{\"scenario\":\"" + name + "\",\"at\":\"" + AT + "\"}");
    }
    JsonNode all = SimClient.json(client.admin("GET", "/__sim/scenarios", null));
    for (JsonNode scenario : all.path("scenarios")) {
      waitForCompletion(scenario);
    }
    for (String type : TYPES) {
      assertThat(Keys.groundTruth(client.groundTruth(type))).as(type).doesNotHaveDuplicates();
    }
    Set<String> truth = Set.copyOf(Keys.groundTruth(client.groundTruth("siem")));
    assertThat(siem1Keys()).isEqualTo(truth);
    Map<String, Integer> served = new java.util.HashMap<>();
    batchEvents().forEach(e -> served.merge(Keys.siemV2(e), 1, Integer::sum));
    assertThat(served.keySet()).isEqualTo(truth);
  }
}
