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
import io.mailsec.normalize.support.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Normalizes one TTP Impersonation Protect log ({@code impersonationLogs[]} item) into an {@code
 * email} event. Its {@code id} is a re-fetch token shared by several rows, so it only survives in
 * {@code original_data}.
 */
public final class TtpImpersonationNormalizer {
  public static final String EVENT_TYPE = "ttp_impersonation";

  private TtpImpersonationNormalizer() {}

  public static Event normalize(String raw, NormalizationContext ctx) {
    ObjectNode record = Json.parseObject(raw);
    RecordFields f = RecordFields.of(record);
    Event.Builder e =
        EventStart.start(
            SchemaRegistry.EMAIL, ctx, EVENT_TYPE, f.time("eventTime"), raw, Canonical.of(record));
    Optional<String> sender = EmailParts.putEnvelopeFrom(e, f.text("senderAddress"));
    List<String> recipients = f.addresses("recipientAddress");
    e.add("to_email_address", recipients);
    Optional<String> senderDomain = sender.flatMap(Addresses::domain);
    e.put("sender_domain", senderDomain.orElse(null));
    Optional<String> senderIp = f.ip("senderIpAddress");
    e.put("sender_ip", senderIp.orElse(null));
    e.put("message_id", f.text("messageId").orElse(null));
    e.put("subject", f.text("subject").map(EmailParts::unfold).orElse(null));
    Optional<String> definition = f.text("definition");
    e.put("policy", definition.orElse(null));
    Optional<String> action = f.text("action");
    e.put("action", action.orElse(null));
    e.put("status", action.flatMap(TtpImpersonationNormalizer::status).orElse(null));
    Directions.apply(
        e, ctx, Optional.empty(), Optional.empty(), senderDomain, senderIp, recipients);

    Optional<Long> hits = f.longValue("hits");
    Optional<Boolean> malicious = f.bool("taggedMalicious");
    e.put("impersonation.hits", hits.orElse(null));
    e.put("impersonation.tagged_malicious", malicious.orElse(null));
    e.put("impersonation.tagged_external", f.bool("taggedExternal").orElse(null));
    e.add("impersonation.identifiers", identifiers(f.node("identifiers")));
    e.add("impersonation.results", results(f.node("impersonationResults")));
    if (hits.orElse(0L) > 0 || malicious.orElse(false)) {
      e.add("threats", EmailParts.threat("impersonation", definition.orElse(null), EVENT_TYPE));
    }
    return e.build();
  }

  private static Optional<String> status(String action) {
    return switch (action.strip().toLowerCase(Locale.ROOT)) {
      case "hold" -> Optional.of("held");
      case "bounce" -> Optional.of("bounced");
      default -> Optional.empty();
    };
  }

  private static List<String> identifiers(JsonNode node) {
    List<String> ids = new ArrayList<>();
    Optional<JsonNode> array = Json.structured(node).filter(JsonNode::isArray);
    if (array.isPresent()) {
      array.get().forEach(n -> Values.text(n).ifPresent(ids::add));
    } else {
      Values.text(node)
          .ifPresent(
              text -> {
                for (String part : text.split(",")) {
                  if (!part.isBlank()) {
                    ids.add(part.strip());
                  }
                }
              });
    }
    return ids;
  }

  private static List<Map<String, Object>> results(JsonNode node) {
    List<Map<String, Object>> results = new ArrayList<>();
    Json.structured(node)
        .filter(JsonNode::isArray)
        .ifPresent(
            array ->
                array.forEach(
                    r -> {
                      Map<String, Object> m = new LinkedHashMap<>();
                      m.put("source", Values.text(r.get("impersonationDomainSource")).orElse(null));
                      m.put("similar_domain", Values.text(r.get("similarDomain")).orElse(null));
                      m.put("similar_to", Values.text(r.get("stringSimilarToDomain")).orElse(null));
                      m.put("checker_result", Values.text(r.get("checkerResult")).orElse(null));
                      results.add(m);
                    }));
    return results;
  }
}
