package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Injects scenarios over {@code /__sim/scenarios} and reads their records back through the
 * simulator's own endpoints, as a collector would.
 */
abstract class ScenarioTestSupport extends SimulatorTestBase {
  static final List<String> TYPES =
      List.of(
          "siem", "ttp-url", "ttp-attachment", "ttp-impersonation", "dlp", "threat-intel", "audit");
  private static final Pattern SHA = Pattern.compile("'SHA-256' = '([0-9a-f]{64})'");
  private static final Pattern URL = Pattern.compile("\\[url:value = '([^']+)'\\]");

  /** POSTs an injection that must be new (201) and returns its description. */
  JsonNode inject(String body) {
    HttpResponse<byte[]> response = client.admin("POST", "/__sim/scenarios", body);
    assertThat(response.statusCode()).as(SimClient.text(response)).isEqualTo(201);
    return SimClient.json(response).path("scenario");
  }

  /** Moves the clock to just after the scenario's last record became available. */
  void waitForCompletion(JsonNode scenario) {
    Instant complete = Instant.parse(scenario.path("completeAt").asText());
    if (clock.instant().isBefore(complete)) {
      clock.set(complete.plusSeconds(1));
    }
  }

  static List<String> ids(JsonNode scenario, String type) {
    List<String> ids = new ArrayList<>();
    scenario.path("records").path(type).forEach(id -> ids.add(id.asText()));
    return ids;
  }

  /** Ground-truth entries by id. */
  Map<String, JsonNode> groundTruthById(String type) {
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode record : client.groundTruth(type).path("records")) {
      assertThat(byId.put(record.path("id").asText(), record)).as("id listed twice").isNull();
    }
    return byId;
  }

  /** The canonical keys of the scenario's records of a type, from the ground truth. */
  Set<String> scenarioKeys(JsonNode scenario, String type) {
    Map<String, JsonNode> truth = groundTruthById(type);
    Set<String> keys = new HashSet<>();
    for (String id : ids(scenario, type)) {
      assertThat(truth).as("ground truth %s lists %s", type, id).containsKey(id);
      Map<String, String> key = new TreeMap<>();
      truth
          .get(id)
          .path("key")
          .properties()
          .forEach(e -> key.put(e.getKey(), e.getValue().asText()));
      keys.add(Keys.canonical(key));
    }
    return keys;
  }

  /**
   * Every SIEM 2.0 batch event served (all files of the retained days), once: the quirk that puts
   * one event into two files is undone by the documented key, as a collector would.
   */
  List<JsonNode> batchEvents() {
    String token = client.token();
    Map<String, JsonNode> events = new java.util.LinkedHashMap<>();
    for (String url : Harvest.batchUrls(client, token, "pageSize=500")) {
      for (String line : Harvest.batchLines(client, url)) {
        JsonNode event = Harvest.parse(line);
        events.putIfAbsent(Keys.siemV2(event), event);
      }
    }
    return List.copyOf(events.values());
  }

  /** Keys of every SIEM 1.0 JSON record served. */
  Set<String> siem1Keys() {
    Set<String> keys = new HashSet<>();
    for (Harvest.SiemFile file : Harvest.siemLogs(client, "json", false)) {
      String type = Keys.v1Type(file.name());
      file.records().forEach(r -> keys.add(Keys.siemV1(type, r)));
    }
    return keys;
  }

  /** TTP records of one log over the retained window, oldest first. */
  List<JsonNode> ttp(String path, String arrayKey) {
    String item =
        "{\"from\":\"" + clock.instant().minus(Duration.ofDays(2)) + "\",\"oldestFirst\":true}";
    List<JsonNode> records = new ArrayList<>();
    Harvest.ttpPages(client, path, arrayKey, item, 500).forEach(p -> records.addAll(p.records()));
    return records;
  }

  List<JsonNode> clicks() {
    return ttp("/api/ttp/url/get-logs", "clickLogs");
  }

  List<JsonNode> attachmentLogs() {
    return ttp("/api/ttp/attachment/get-logs", "attachmentLogs");
  }

  List<JsonNode> impersonationLogs() {
    return ttp("/api/ttp/impersonation/get-logs", "impersonationLogs");
  }

  List<JsonNode> dlpLogs() {
    return ttp("/api/dlp/get-logs", "dlpLogs");
  }

  List<JsonNode> auditEvents() {
    String item =
        "{\"startDateTime\":\""
            + clock.instant().minus(Duration.ofDays(59))
            + "\",\"endDateTime\":\""
            + clock.instant()
            + "\"}";
    return Harvest.audit(client, item, 500);
  }

  /** STIX indicator objects of a feed. */
  List<JsonNode> stixIndicators(String feed) {
    List<JsonNode> indicators = new ArrayList<>();
    for (Harvest.FeedFile file : Harvest.feed(client, feed, "stix", false)) {
      for (JsonNode object :
          Harvest.parse(new String(file.content(), StandardCharsets.UTF_8)).path("objects")) {
        if (object.path("type").asText().equals("indicator")) {
          indicators.add(object);
        }
      }
    }
    return indicators;
  }

  /** CSV rows of a feed as column maps. */
  List<Map<String, String>> csvRows(String feed) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Harvest.FeedFile file : Harvest.feed(client, feed, "csv", false)) {
      String[] lines = new String(file.content(), StandardCharsets.UTF_8).split("\n");
      String[] header = lines[0].split("\\|");
      for (int i = 1; i < lines.length; i++) {
        String[] cells = lines[i].split("\\|");
        Map<String, String> row = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
          row.put(header[c], cells[c]);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The key of a STIX indicator, by the ground-truth rule (sha256, or url for URL patterns). */
  static String stixKey(String feed, JsonNode indicator) {
    String pattern = indicator.path("pattern").asText();
    long second = Keys.epochSecond(indicator.path("valid_from").asText());
    Matcher sha = SHA.matcher(pattern);
    if (sha.find()) {
      return Keys.indicator(feed, sha.group(1), second);
    }
    Matcher url = URL.matcher(pattern);
    assertThat(url.find()).as(pattern).isTrue();
    return Keys.canonical(
        Map.of("feedType", feed, "url", url.group(1), "epochSecond", Long.toString(second)));
  }

  /**
   * Every record the scenario listed is served by every endpoint that shows its kind, and every
   * SIEM 2.0 event of a scenario message that carries a message id carries the message's.
   */
  void assertServedEverywhere(JsonNode scenario) {
    Set<String> siem = scenarioKeys(scenario, "siem");
    if (!siem.isEmpty()) {
      assertThat(siem1Keys()).as("SIEM 1.0 files").containsAll(siem);
      List<JsonNode> batch = batchEvents();
      Set<String> batchKeys = new HashSet<>();
      batch.forEach(e -> batchKeys.add(Keys.siemV2(e)));
      assertThat(batchKeys).as("SIEM 2.0 batch files").containsAll(siem);
      for (JsonNode message : scenario.path("messages")) {
        String aggregateId = message.path("aggregateId").asText();
        List<JsonNode> rows =
            batch.stream()
                .filter(
                    e ->
                        e.path("aggregateId")
                            .asText()
                            .replaceFirst("_\\d{10}$", "")
                            .equals(aggregateId))
                .toList();
        assertThat(rows).as("2.0 rows of %s", aggregateId).isNotEmpty();
        for (JsonNode row : rows) {
          if (row.hasNonNull("messageId")) {
            assertThat(row.path("messageId").asText())
                .isEqualTo(message.path("messageId").asText());
          }
        }
      }
    }
    Set<String> clicks = scenarioKeys(scenario, "ttp-url");
    if (!clicks.isEmpty()) {
      assertThat(clicks().stream().map(Keys::click).toList()).containsAll(clicks);
    }
    Set<String> scans = scenarioKeys(scenario, "ttp-attachment");
    if (!scans.isEmpty()) {
      assertThat(attachmentLogs().stream().map(Keys::attachment).toList()).containsAll(scans);
    }
    Set<String> impersonations = scenarioKeys(scenario, "ttp-impersonation");
    if (!impersonations.isEmpty()) {
      assertThat(impersonationLogs().stream().map(Keys::impersonation).toList())
          .containsAll(impersonations);
    }
    Set<String> dlp = scenarioKeys(scenario, "dlp");
    if (!dlp.isEmpty()) {
      assertThat(dlpLogs().stream().map(Keys::dlp).toList()).containsAll(dlp);
    }
    Set<String> audit = scenarioKeys(scenario, "audit");
    if (!audit.isEmpty()) {
      assertThat(auditEvents().stream().map(Keys::audit).toList()).containsAll(audit);
    }
    Set<String> indicators = scenarioKeys(scenario, "threat-intel");
    if (!indicators.isEmpty()) {
      Set<String> stix = new HashSet<>();
      for (String feed : List.of("malware_customer", "malware_grid")) {
        stixIndicators(feed).forEach(i -> stix.add(stixKey(feed, i)));
      }
      assertThat(stix).as("STIX feeds").containsAll(indicators);
      Set<String> csv = new HashSet<>();
      for (String feed : List.of("malware_customer", "malware_grid")) {
        csvRows(feed)
            .forEach(
                r ->
                    csv.add(
                        Keys.indicator(
                            feed, r.get("SHA256"), Keys.epochSecond(r.get("Timestamp")))));
      }
      List<String> fileIndicators = indicators.stream().filter(k -> k.contains("sha256=")).toList();
      assertThat(csv).as("CSV feeds").containsAll(fileIndicators);
    }
  }
}
