package io.mailsec.normalize.ti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.normalize.support.Canonical;
import io.mailsec.normalize.support.EventStart;
import io.mailsec.normalize.support.Json;
import io.mailsec.normalize.support.RecordFields;
import io.mailsec.normalize.support.RecordRejected;
import io.mailsec.normalize.support.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Normalizes a STIX 2.0 or 2.1 bundle from the threat feed: one {@code threat_indicator} event per
 * {@code indicator} object, enriched with the names and labels of the malware objects it {@code
 * indicates}. Other objects only serve as context. An indicator that cannot be normalized is
 * rejected on its own; the rest of the bundle still yields events. {@code original_data} of an
 * event is a JSON array of the indicator followed by its relationships and malware objects.
 */
public final class StixBundleNormalizer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StixBundleNormalizer() {}

  /**
   * @param events receives each event
   * @param rejected receives (reason, raw object text) for each indicator that was rejected
   * @throws RecordRejected when the text is not a STIX bundle at all
   */
  public static void normalize(
      String raw,
      NormalizationContext ctx,
      Consumer<Event> events,
      BiConsumer<String, String> rejected) {
    ObjectNode bundle = Json.parseObject(raw);
    String type = Values.text(bundle.get("type")).orElse("");
    if (!type.equals("bundle")) {
      throw new RecordRejected("not a STIX bundle: type is '" + type + "'");
    }
    JsonNode objects = bundle.get("objects");
    if (objects == null || !objects.isArray()) {
      throw new RecordRejected("STIX bundle without an objects array");
    }
    String bundleVersion = Values.text(bundle.get("spec_version")).orElse(null);
    Map<String, JsonNode> byId = new HashMap<>();
    Map<String, List<JsonNode>> relationshipsBySource = new HashMap<>();
    for (JsonNode object : objects) {
      Values.text(object.get("id")).ifPresent(id -> byId.put(id, object));
      if ("relationship".equals(object.path("type").asText())
          && "indicates".equals(object.path("relationship_type").asText())) {
        relationshipsBySource
            .computeIfAbsent(object.path("source_ref").asText(), k -> new ArrayList<>())
            .add(object);
      }
    }
    for (JsonNode object : objects) {
      if (!"indicator".equals(object.path("type").asText())) {
        continue;
      }
      String id = object.path("id").asText();
      List<JsonNode> relationships = relationshipsBySource.getOrDefault(id, List.of());
      List<JsonNode> malware = new ArrayList<>();
      for (JsonNode relationship : relationships) {
        JsonNode target = byId.get(relationship.path("target_ref").asText());
        if (target != null && "malware".equals(target.path("type").asText())) {
          malware.add(target);
        }
      }
      ArrayNode original = NODES.arrayNode().add(object);
      relationships.forEach(original::add);
      malware.forEach(original::add);
      try {
        events.accept(indicator((ObjectNode) object, malware, original, bundleVersion, ctx));
      } catch (RecordRejected e) {
        rejected.accept(e.getMessage(), Json.write(object));
      }
    }
  }

  private static Event indicator(
      ObjectNode indicator,
      List<JsonNode> malware,
      ArrayNode original,
      String bundleVersion,
      NormalizationContext ctx) {
    RecordFields f = RecordFields.of(indicator);
    String pattern =
        f.text("pattern").orElseThrow(() -> new RecordRejected("STIX indicator without a pattern"));
    List<Observable> observables = StixPattern.observables(pattern);
    if (observables.isEmpty()) {
      throw new RecordRejected("no supported observable in STIX pattern " + pattern);
    }
    Optional<Instant> validFrom = f.time("valid_from");
    Optional<Instant> created = f.time("created");
    Optional<Instant> modified = f.time("modified");
    Event.Builder e =
        EventStart.start(
            SchemaRegistry.THREAT_INDICATOR,
            ctx,
            IndicatorFields.eventType(ctx),
            validFrom.or(() -> created).or(() -> modified),
            Json.write(original),
            Canonical.of(original));
    IndicatorFields.putFeed(e, ctx);
    IndicatorFields.putObservables(e, observables);
    e.put("indicator_id", f.text("id").orElse(null));
    e.put("pattern", pattern);
    e.put("pattern_type", f.text("pattern_type", "pattern_lang").orElse("stix"));
    e.put(
        "stix_spec_version",
        f.text("spec_version").orElse(bundleVersion == null ? "2.0" : bundleVersion));
    e.put("name", f.text("name").orElse(null));
    e.put("description", f.text("description").orElse(null));
    e.add("labels", texts(f.node("labels")));
    e.add("labels", texts(f.node("indicator_types")));
    e.put("confidence", f.longValue("confidence").orElse(null));
    e.put("valid_from", validFrom.orElse(null));
    e.put("valid_until", f.time("valid_until").orElse(null));
    e.put("created", created.orElse(null));
    e.put("modified", modified.orElse(null));
    e.put("revoked", f.bool("revoked").orElse(null));
    for (JsonNode m : malware) {
      Values.text(m.get("name")).ifPresent(name -> e.add("malware_names", name));
      e.add("malware_types", texts(m.get("labels")));
      e.add("malware_types", texts(m.get("malware_types")));
    }
    return e.build();
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(n -> Values.text(n).ifPresent(texts::add));
    } else {
      Values.text(node).ifPresent(texts::add);
    }
    return texts;
  }
}
