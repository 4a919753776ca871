package io.mailsec.normalize.dlp;

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
import io.mailsec.normalize.support.RecordRejected;
import java.util.List;
import java.util.Optional;

/**
 * Normalizes one Mimecast DLP log ({@code dlpLogs[]} item of {@code /api/dlp/get-logs}) into an
 * {@code email} event with {@code event_type = 'dlp'}: the policy that matched in {@code policy},
 * what it did in {@code action} as logged ({@code hold}, {@code notification}), the direction from
 * {@code route}.
 *
 * <p>A record without an {@code action} is quarantined: the action is what a DLP log reports, and
 * the DLP detections select on it, so storing such a record would hide a hold from them. DLP
 * records have no id; the event id hashes the whole record like every other event's.
 */
public final class DlpNormalizer {
  public static final String EVENT_TYPE = "dlp";

  private DlpNormalizer() {}

  public static Event normalize(String raw, NormalizationContext ctx) {
    ObjectNode record = Json.parseObject(raw);
    RecordFields f = RecordFields.of(record);
    Optional<String> action = f.text("action");
    if (action.isEmpty()) {
      throw new RecordRejected("DLP record without an action");
    }
    Event.Builder e =
        EventStart.start(
            SchemaRegistry.EMAIL, ctx, EVENT_TYPE, f.time("eventTime"), raw, Canonical.of(record));
    Optional<String> sender = EmailParts.putEnvelopeFrom(e, f.text("senderAddress"));
    List<String> recipients = f.addresses("recipientAddress");
    e.add("to_email_address", recipients);
    Optional<String> senderDomain = sender.flatMap(Addresses::domain);
    e.put("sender_domain", senderDomain.orElse(null));
    e.put("message_id", f.text("messageId").orElse(null));
    e.put("subject", f.text("subject").map(EmailParts::unfold).orElse(null));
    e.put("policy", f.text("policy").orElse(null));
    e.put("action", action.get());
    e.put("status", action.get().strip().equalsIgnoreCase("hold") ? "held" : null);
    Optional<String> route = f.text("route");
    e.put("route", route.orElse(null));
    Directions.apply(
        e,
        ctx,
        Directions.fromMimecast(route),
        Optional.empty(),
        senderDomain,
        Optional.empty(),
        recipients);
    return e.build();
  }
}
