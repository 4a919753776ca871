package io.mailsec.normalize.ttp;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Normalizes one TTP Attachment Protect log ({@code attachmentLogs[]} item) into an {@code email}
 * event with one attachment. The only hash Mimecast gives here is {@code fileHash} (SHA-256).
 */
public final class TtpAttachmentNormalizer {
  public static final String EVENT_TYPE = "ttp_attachment";

  /** Sandbox verdicts that mean the file is a threat (others: safe, clean, timeout, error...). */
  private static final Set<String> THREAT_RESULTS = Set.of("malicious", "unsafe");

  private TtpAttachmentNormalizer() {}

  public static Event normalize(String raw, NormalizationContext ctx) {
    ObjectNode record = Json.parseObject(raw);
    RecordFields f = RecordFields.of(record);
    Event.Builder e =
        EventStart.start(
            SchemaRegistry.EMAIL, ctx, EVENT_TYPE, f.time("date"), raw, Canonical.of(record));
    Optional<String> sender = EmailParts.putEnvelopeFrom(e, f.text("senderAddress"));
    List<String> recipients = f.addresses("recipientAddress");
    e.add("to_email_address", recipients);
    Optional<String> senderDomain = sender.flatMap(Addresses::domain);
    e.put("sender_domain", senderDomain.orElse(null));
    e.put("message_id", f.text("messageId").orElse(null));
    e.put("subject", f.text("subject").map(EmailParts::unfold).orElse(null));
    e.put("policy", f.text("definition").orElse(null));
    e.put("action", f.text("actionTriggered").orElse(null));
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

    Optional<String> fileName = f.text("fileName");
    Optional<String> result = f.text("result");
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("name", fileName.orElse(null));
    attachment.put("extension", fileName.map(EmailParts::extension).orElse(null));
    attachment.put("mime_type", f.text("fileType").orElse(null));
    attachment.put("sha256", EmailParts.hash(f.text("fileHash")));
    attachment.put("result", result.orElse(null));
    attachment.put("detail", f.text("details").map(EmailParts::multiline).orElse(null));
    e.add("attachments", attachment);
    if (result.map(r -> THREAT_RESULTS.contains(r.toLowerCase(Locale.ROOT))).orElse(false)) {
      e.add("threats", EmailParts.threat("malicious_attachment", result.get(), EVENT_TYPE));
    }
    return e.build();
  }
}
