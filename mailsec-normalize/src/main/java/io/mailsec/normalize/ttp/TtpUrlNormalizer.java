package io.mailsec.normalize.ttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.normalize.support.Addresses;
import io.mailsec.normalize.support.Canonical;
import io.mailsec.normalize.support.Directions;
import io.mailsec.normalize.support.EmailParts;
import io.mailsec.normalize.support.EventStart;
import io.mailsec.normalize.support.Json;
import io.mailsec.normalize.support.RecordFields;
import io.mailsec.normalize.support.Urls;
import io.mailsec.normalize.support.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Normalizes one TTP URL Protect click log ({@code clickLogs[]} item) into an {@code http} event.
 */
public final class TtpUrlNormalizer {
  public static final String EVENT_TYPE = "ttp_url";

  /** Mimecast writes this instead of an address when the sender was inside the organisation. */
  private static final String INTERNAL_IP_LITERAL = "Internal IP";

  private TtpUrlNormalizer() {}

  public static Event normalize(String raw, NormalizationContext ctx) {
    ObjectNode record = Json.parseObject(raw);
    RecordFields f = RecordFields.of(record);
    Event.Builder e =
        EventStart.start(
            SchemaRegistry.HTTP, ctx, EVENT_TYPE, f.time("date"), raw, Canonical.of(record));
    e.put(
        "user_email_address", f.text("userEmailAddress").flatMap(Addresses::address).orElse(null));
    Optional<String> url = f.text("url");
    e.put("url", url.orElse(null));
    url.flatMap(Urls::parse)
        .ifPresent(
            parts -> {
              e.put("uri_scheme", parts.scheme());
              e.put("uri_host", parts.host().isEmpty() ? null : parts.host());
              e.put("uri_path", parts.path().isEmpty() ? null : parts.path());
              e.put(
                  "uri_query",
                  parts.query() == null || parts.query().isEmpty() ? null : parts.query());
            });
    e.put("category", f.text("category").orElse(null));
    e.put("scan_result", f.text("scanResult").orElse(null));
    e.put("action", f.text("action").orElse(null));
    e.put("actions", f.text("actions").orElse(null));
    e.put("user_awareness_action", f.text("userAwarenessAction").orElse(null));
    e.put("admin_override", f.text("adminOverride").orElse(null));
    e.put("user_override", f.text("userOverride").orElse(null));
    Optional<String> sendingIp = f.text("sendingIp");
    if (sendingIp.filter(INTERNAL_IP_LITERAL::equalsIgnoreCase).isPresent()) {
      e.put("source_internal", true);
    } else {
      e.put("source_address", f.ip("sendingIp").orElse(null));
    }
    e.put("message_id", f.text("messageId").orElse(null));
    e.put(
        "from_email_address",
        f.text("fromUserEmailAddress").flatMap(Addresses::address).orElse(null));
    e.put("subject", f.text("subject").map(EmailParts::unfold).orElse(null));
    Optional<String> route = f.text("route");
    e.put("route", route.orElse(null));
    e.put("direction", Directions.fromMimecast(route).orElse(null));
    e.put("policy", f.text("ttpDefinition").orElse(null));
    e.put("creation_method", f.text("creationMethod").orElse(null));
    e.add("email_parts", emailParts(f.node("emailPartsDescription")));
    e.add("tags", tags(f.node("tagMap")));
    return e.build();
  }

  private static List<String> emailParts(JsonNode node) {
    List<String> parts = new ArrayList<>();
    Optional<JsonNode> structured = Json.structured(node);
    if (structured.isPresent() && structured.get().isArray()) {
      structured.get().forEach(p -> Values.text(p).ifPresent(parts::add));
    } else if (structured.isEmpty()) {
      Values.text(node).ifPresent(parts::add);
    }
    return parts;
  }

  /**
   * Flattens {@code {"UrlReputationScan":{"Status":["CustomerAll","VerdictBlock"]}}} into {@code
   * UrlReputationScan.Status:CustomerAll}, {@code UrlReputationScan.Status:VerdictBlock}.
   */
  private static List<String> tags(JsonNode node) {
    List<String> tags = new ArrayList<>();
    Optional<JsonNode> map = Json.structured(node).filter(JsonNode::isObject);
    if (map.isEmpty()) {
      return tags;
    }
    for (Map.Entry<String, JsonNode> group : map.get().properties()) {
      for (Map.Entry<String, JsonNode> key : group.getValue().properties()) {
        JsonNode values = key.getValue();
        String prefix = group.getKey() + "." + key.getKey() + ":";
        if (values.isArray()) {
          values.forEach(v -> Values.text(v).ifPresent(t -> tags.add(prefix + t)));
        } else {
          Values.text(values).ifPresent(t -> tags.add(prefix + t));
        }
      }
    }
    return tags;
  }
}
