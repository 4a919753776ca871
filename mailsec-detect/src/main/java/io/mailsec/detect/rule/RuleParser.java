package io.mailsec.detect.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mailsec.core.Durations;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.schema.SchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one rule file (YAML, format in docs/detections.md) into a {@link Rule}. Checks the shape
 * only; {@link CompiledRule#compile} checks the query and the fields against the schemas.
 *
 * <p>Test events are written as {@code {schema: email, fields: {...}}}; required common fields they
 * leave out get placeholders (the n-th event of a list is at {@link #TEST_EPOCH} plus n minutes
 * unless it sets {@code event_time}), so tests only spell out what the rule looks at.
 */
public final class RuleParser {
  /** Default event time of the first test event of a list. */
  public static final Instant TEST_EPOCH = Instant.parse("2026-01-05T09:00:00Z");

  /** Default suppression window when a rule names none. */
  public static final Duration DEFAULT_SUPPRESS = Duration.ofHours(1);

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,79}");
  private static final Set<String> KEYS =
      Set.of(
          "id",
          "name",
          "description",
          "enabled",
          "query",
          "severity",
          "confidence",
          "mitre",
          "tags",
          "group_by",
          "suppress_for",
          "threshold",
          "tests",
          "references");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RuleParser() {}

  /** Whether {@code id} is a valid rule id (which is also a safe file name). */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * @param origin file name or {@code builtin:<file>}, used in messages and kept on the rule
   * @throws RuleException listing every problem of the file
   */
  public static Rule parse(String yaml, String origin) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
      throw RuleException.located(
          origin,
          List.of(new RuleProblem("not valid YAML: " + e.getOriginalMessage(), null, line)));
    }
    if (root == null || !root.isObject()) {
      throw new RuleException(origin, List.of("expected a YAML mapping with id, name, query, ..."));
    }
    List<RuleProblem> problems = new ArrayList<>();
    root.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                problems.add(
                    RuleProblem.at(
                        k, "unknown key '" + k + "'; the keys are " + String.join(", ", KEYS)));
              }
            });
    String id = text(root, "id", problems, true);
    if (id != null && !isValidId(id)) {
      problems.add(
          RuleProblem.at(
              "id", "id '" + id + "' must be 2-80 lower-case letters, digits and dashes"));
    }
    String name = text(root, "name", problems, true);
    String description = text(root, "description", problems, false);
    String query = text(root, "query", problems, true);
    boolean enabled = !root.has("enabled") || root.get("enabled").asBoolean(true);
    Severity severity = null;
    try {
      severity = Severity.parse(text(root, "severity", problems, true));
    } catch (IllegalArgumentException e) {
      problems.add(RuleProblem.at("severity", e.getMessage()));
    }
    int confidence = root.path("confidence").asInt(50);
    if (confidence < 0 || confidence > 100) {
      problems.add(RuleProblem.at("confidence", "confidence must be 0-100, was " + confidence));
    }
    Duration suppress = DEFAULT_SUPPRESS;
    if (root.has("suppress_for")) {
      try {
        suppress = Durations.parse(root.get("suppress_for").asText(), "suppress_for");
      } catch (IllegalArgumentException e) {
        problems.add(RuleProblem.at("suppress_for", e.getMessage()));
      }
    }
    Threshold threshold = null;
    if (root.has("threshold")) {
      JsonNode t = root.get("threshold");
      try {
        threshold =
            new Threshold(
                t.path("count").asInt(0),
                Durations.parse(t.path("within").asText(null), "threshold.within"));
      } catch (IllegalArgumentException e) {
        problems.add(RuleProblem.at("threshold", e.getMessage()));
      }
    }
    JsonNode tests = root.path("tests");
    List<Event> should = events(tests.path("should_match"), "tests.should_match", problems);
    List<Event> shouldNot =
        events(tests.path("should_not_match"), "tests.should_not_match", problems);
    Map<String, List<String>> testLists = new LinkedHashMap<>();
    JsonNode lists = tests.path("lists");
    if (lists.isObject()) {
      for (Map.Entry<String, JsonNode> entry : lists.properties()) {
        testLists.put(entry.getKey(), strings(entry.getValue()));
      }
    } else if (!lists.isMissingNode()) {
      problems.add(RuleProblem.at("tests.lists", "tests.lists must map list names to lists"));
    }
    if (!problems.isEmpty()) {
      throw RuleException.located(origin, problems);
    }
    return new Rule(
        id,
        name,
        description,
        enabled,
        query,
        severity,
        confidence,
        strings(root.path("mitre")),
        strings(root.path("tags")),
        strings(root.path("group_by")),
        suppress,
        threshold,
        should,
        shouldNot,
        testLists,
        strings(root.path("references")),
        origin);
  }

  private static String text(
      JsonNode root, String key, List<RuleProblem> problems, boolean required) {
    JsonNode node = root.get(key);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(RuleProblem.at(key, "'" + key + "' is required"));
      }
      return null;
    }
    if (!node.isValueNode()) {
      problems.add(RuleProblem.at(key, "'" + key + "' must be a single value"));
      return null;
    }
    String value = node.asText().strip();
    if (required && value.isEmpty()) {
      problems.add(RuleProblem.at(key, "'" + key + "' must not be empty"));
      return null;
    }
    return value;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (node.isValueNode() && !node.isNull()) {
      out.add(node.asText());
    }
    return out;
  }

  private static List<Event> events(JsonNode list, String where, List<RuleProblem> problems) {
    List<Event> out = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      problems.add(RuleProblem.at(where, where + " must be a list of events"));
      return out;
    }
    int n = 0;
    for (JsonNode node : list) {
      try {
        out.add(EventJson.fromTree(withDefaults(node, n), SchemaRegistry.standard()));
      } catch (IllegalArgumentException e) {
        problems.add(
            RuleProblem.at(where + "[" + n + "]", where + "[" + n + "]: " + e.getMessage()));
      }
      n++;
    }
    return out;
  }

  private static JsonNode withDefaults(JsonNode node, int n) {
    if (!node.isObject() || !node.path("fields").isObject()) {
      return node;
    }
    ObjectNode copy = node.deepCopy();
    ObjectNode fields = (ObjectNode) copy.get("fields");
    String schema = copy.path("schema").asText();
    putIfAbsent(fields, "id", "test-" + schema + "-" + n);
    putIfAbsent(fields, "tenant_id", "test");
    putIfAbsent(fields, "sensor_type", "mimecast");
    putIfAbsent(fields, "event_time", TEST_EPOCH.plus(Duration.ofMinutes(n)).toString());
    putIfAbsent(fields, "event_type", "test");
    putIfAbsent(fields, "original_data", "{}");
    ObjectNode ingest =
        fields.path("ingest").isObject()
            ? (ObjectNode) fields.get("ingest")
            : fields.putObject("ingest");
    putIfAbsent(ingest, "integration_id", "test");
    putIfAbsent(ingest, "data_type", "test");
    putIfAbsent(ingest, "time", TEST_EPOCH.toString());
    return copy;
  }

  private static void putIfAbsent(ObjectNode node, String key, String value) {
    if (!node.has(key)) {
      node.put(key, value);
    }
  }
}
