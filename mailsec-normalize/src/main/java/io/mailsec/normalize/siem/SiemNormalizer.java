package io.mailsec.normalize.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.normalize.ApiVersion;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.normalize.support.Addresses;
import io.mailsec.normalize.support.Canonical;
import io.mailsec.normalize.support.Directions;
import io.mailsec.normalize.support.EmailParts;
import io.mailsec.normalize.support.EventStart;
import io.mailsec.normalize.support.Json;
import io.mailsec.normalize.support.KeyValueLine;
import io.mailsec.normalize.support.RecordFields;
import io.mailsec.normalize.support.RecordRejected;
import io.mailsec.normalize.support.Urls;
import io.mailsec.normalize.support.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalizes one SIEM (MTA) record of any of the ten log types into an {@code email} event. Accepts
 * API 1.0 JSON objects and key_value lines (PascalCase keys, type from the file name) and API 2.0
 * batch or stream objects (camelCase keys, type from {@code type} or {@code eventType}). Both
 * naming schemes are looked up side by side, ignoring case; see docs/normalization.md for the
 * mapping table.
 */
public final class SiemNormalizer {
  /** The {@code _<epoch seconds>} suffix API 2.0 appends to aggregateId. */
  private static final Pattern EPOCH_SUFFIX = Pattern.compile("_\\d{9,11}$");

  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  private SiemNormalizer() {}

  public static Event normalize(String raw, NormalizationContext ctx) {
    ObjectNode record = looksLikeJson(raw) ? Json.parseObject(raw) : KeyValueLine.parse(raw);
    RecordFields f = RecordFields.of(record);
    SiemType type = resolveType(f, ctx);
    Event.Builder e =
        EventStart.start(
            SchemaRegistry.EMAIL,
            ctx,
            type.eventType(),
            f.time("datetime", "timestamp"),
            raw,
            Canonical.of(record));
    e.put("account_id", f.text("acc", "accountId").orElse(null));
    e.put(
        "correlation_id",
        f.text("aCode", "aggregateId").map(SiemNormalizer::withoutEpoch).orElse(null));
    e.put("processing_id", f.text("processingId").orElse(null));
    e.put("message_id", f.text("MsgId", "messageId").orElse(null));
    e.put("subject", f.text("Subject").map(EmailParts::unfold).orElse(null));

    Optional<String> envelope = EmailParts.putEnvelopeFrom(e, f.text("Sender", "senderEnvelope"));
    List<String> headerFrom = f.addresses("headerFrom", "senderHeader");
    e.add("from_email_address", headerFrom);
    List<String> recipients = f.addresses("Rcpt", "Recipient", "recipients");
    e.add(recipientField(f), recipients);

    Optional<String> senderIp;
    if (type == SiemType.DELIVERY) {
      senderIp = f.ip("senderIp");
      e.put("destination_ip", f.ip("IP", "destinationIp").orElse(null));
    } else {
      senderIp = f.ip("IP", "senderIp", "SourceIP");
    }
    e.put("sender_ip", senderIp.orElse(null));
    e.put("destination_host", f.text("Hostname").orElse(null));
    Optional<String> senderDomain =
        f.text("SenderDomain")
            .map(d -> d.toLowerCase(Locale.ROOT))
            .or(() -> envelope.flatMap(Addresses::domain))
            .or(() -> headerFrom.stream().findFirst().flatMap(Addresses::domain));
    e.put("sender_domain", senderDomain.orElse(null));
    Optional<Boolean> senderDomainInternal = f.bool("SenderDomainInternal");
    e.put("sender_domain_internal", senderDomainInternal.orElse(null));

    Optional<String> route = f.text("Route");
    e.put("route", route.orElse(null));
    Directions.apply(
        e,
        ctx,
        Directions.fromMimecast(f.text("Dir", "direction"))
            .or(() -> Directions.fromMimecast(route)),
        senderDomainInternal,
        senderDomain,
        senderIp,
        recipients);

    Optional<String> action = f.text("Act", "Action", "RcptActType");
    Optional<Boolean> delivered = f.bool("Delivered");
    e.put("action", action.orElse(null));
    e.put("status", SiemStatus.of(type, action, delivered).orElse(null));
    e.put("delivered", delivered.orElse(null));
    e.put("message_size", messageSize(type, f).orElse(null));
    e.put("attachment_count", f.longValue("AttCnt", "numberAttachments").orElse(null));
    e.put("attachments_size", f.longValue("AttSize", "totalSizeAttachments").orElse(null));
    e.add("attachments", attachments(type, f));

    putDeliveryAndRejection(e, f);
    putTls(e, f);
    putSpam(e, f);
    putUrlAndThreats(e, type, f);
    putImpersonation(e, type, f);
    return e.build();
  }

  /** key_value lines start with a key; anything starting like JSON is judged as JSON. */
  private static boolean looksLikeJson(String raw) {
    String t = raw.stripLeading();
    return !t.isEmpty() && "{[\"".indexOf(t.charAt(0)) >= 0;
  }

  private static SiemType resolveType(RecordFields f, NormalizationContext ctx) {
    Optional<String> fromRecord = f.text("type", "eventType", "Logtype");
    Optional<String> fromFile = Optional.ofNullable(ctx.siemFileType()).filter(s -> !s.isBlank());
    Optional<String> name =
        ctx.apiVersion() == ApiVersion.V1_0
            ? fromFile.or(() -> fromRecord)
            : fromRecord.or(() -> fromFile);
    if (name.isEmpty()) {
      throw new RecordRejected(
          "cannot tell the SIEM log type: no type/eventType field and no file type in the context");
    }
    return SiemType.fromName(name.get())
        .orElseThrow(() -> new RecordRejected("unsupported SIEM log type '" + name.get() + "'"));
  }

  private static String withoutEpoch(String aggregateId) {
    String stripped = EPOCH_SUFFIX.matcher(aggregateId).replaceFirst("");
    return stripped.isEmpty() ? aggregateId : stripped;
  }

  /** Journal rows say which header the recipient was in; everything else is a To recipient. */
  private static String recipientField(RecordFields f) {
    String header = f.text("RcptHdrType").orElse("").toLowerCase(Locale.ROOT);
    return switch (header) {
      case "cc" -> "cc_email_address";
      case "bcc" -> "bcc_email_address";
      default -> "to_email_address";
    };
  }

  /** AV rows log the message size as {@code Size}; in attachment protect rows it is the file's. */
  private static Optional<Long> messageSize(SiemType type, RecordFields f) {
    Optional<Long> size = f.longValue("MsgSize", "emailSize");
    return type == SiemType.AV ? size.or(() -> f.longValue("Size")) : size;
  }

  private static List<Map<String, Object>> attachments(SiemType type, RecordFields f) {
    List<Map<String, Object>> result = new ArrayList<>();
    Optional<String> fileName = f.text("fileName");
    Optional<String> sha256 = f.text("sha256");
    Optional<String> sha1 = f.text("sha1");
    Optional<String> md5 = f.text("md5");
    if (fileName.isPresent() || sha256.isPresent() || sha1.isPresent() || md5.isPresent()) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("name", fileName.orElse(null));
      file.put(
          "extension",
          f.text("fileExt", "fileExtension")
              .map(x -> x.toLowerCase(Locale.ROOT))
              .orElse(fileName.map(EmailParts::extension).orElse(null)));
      file.put("mime_type", f.text("fileMime").orElse(null));
      if (type == SiemType.ATTACHMENT_PROTECT) {
        file.put("size", f.longValue("Size").orElse(null));
      }
      file.put("sha256", EmailParts.hash(sha256));
      file.put("sha1", EmailParts.hash(sha1));
      file.put("md5", EmailParts.hash(md5));
      result.add(file);
    }
    for (String name : attachmentNames(f.node("AttNames", "attachments"))) {
      if (fileName.isEmpty() || !fileName.get().equals(name)) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("name", name);
        attachment.put("extension", EmailParts.extension(name));
        result.add(attachment);
      }
    }
    return result;
  }

  /**
   * Names from {@code "a.docx", "b.xlsx"} (1.0 AttNames), a JSON string holding quoted names (2.0
   * attachments) or a JSON array.
   */
  static List<String> attachmentNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    if (node == null) {
      return names;
    }
    if (node.isArray()) {
      node.forEach(n -> Values.text(n).ifPresent(names::add));
      return names;
    }
    String text = Values.text(node).orElse("");
    if (text.indexOf('"') >= 0) {
      var m = QUOTED.matcher(text);
      while (m.find()) {
        String name = m.group(1).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    } else {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          names.add(part.strip());
        }
      }
    }
    return names;
  }

  private static void putDeliveryAndRejection(Event.Builder e, RecordFields f) {
    e.put("delivery_attempt", f.longValue("Attempt", "deliveryAttempts").orElse(null));
    e.put("delivery_latency_ms", f.longValue("Latency", "deliveryTime").orElse(null));
    e.put("delivery_bytes_sent", f.longValue("Snt").orElse(null));
    e.put("delivery_receipt", f.text("ReceiptAck").orElse(null));
    e.put("rejection_type", f.text("RejType", "rejectionType").orElse(null));
    e.put("rejection_code", f.text("RejCode", "rejectionCode").orElse(null));
    e.put("rejection_info", f.text("RejInfo", "rejectionInfo").orElse(null));
    e.put("error_info", f.text("Error", "Err", "receiptErrors", "deliveryErrors").orElse(null));
    e.put("hold_reason", f.text("Hld", "holdReason").orElse(null));
    e.put("policy", f.text("Definition", "policyDefinition").orElse(null));
  }

  private static void putTls(Event.Builder e, RecordFields f) {
    e.put("tls.used", f.bool("UseTls", "tlsUsed").orElse(null));
    e.put("tls.version", f.text("TlsVer", "tlsVersion").orElse(null));
    e.put("tls.cipher", f.text("Cphr", "tlsCipher").orElse(null));
  }

  private static void putSpam(Event.Builder e, RecordFields f) {
    e.put("spam_score", f.longValue("SpamScore").orElse(null));
    e.put("spam_detection_level", f.longValue("SpamLimit", "spamDetectionLevel").orElse(null));
    e.add("spam_info", spamInfo(f.node("SpamInfo")));
    Json.structured(f.node("SpamProcessingDetail"))
        .filter(JsonNode::isObject)
        .ifPresent(
            detail -> {
              for (String check : List.of("spf", "dkim", "dmarc")) {
                JsonNode result = detail.path(check);
                e.put("auth." + check + ".result", Values.text(result.get("info")).orElse(null));
                e.put(
                    "auth." + check + ".allow", Values.toBoolean(result.get("allow")).orElse(null));
              }
            });
  }

  /** SpamInfo is a JSON list (often the string {@code "[]"}) or plain text. */
  private static List<String> spamInfo(JsonNode node) {
    List<String> info = new ArrayList<>();
    Optional<JsonNode> structured = Json.structured(node);
    if (structured.isPresent() && structured.get().isArray()) {
      structured.get().forEach(n -> Values.text(n).ifPresent(info::add));
    } else if (structured.isEmpty()) {
      Values.text(node).ifPresent(info::add);
    }
    return info;
  }

  private static void putUrlAndThreats(Event.Builder e, SiemType type, RecordFields f) {
    Optional<String> url = f.text("URL");
    Optional<String> category = f.text("UrlCategory");
    Optional<String> scanResult = f.text("ScanResultInfo", "scanResults", "reason", "blockReason");
    // API 2.0 internal email protect rows carry the verdict but not always the URL itself.
    if (url.isPresent() || category.isPresent()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("url", url.orElse(null));
      entry.put(
          "host",
          url.flatMap(Urls::parse).map(Urls.Parts::host).filter(h -> !h.isEmpty()).orElse(null));
      entry.put("category", category.orElse(null));
      entry.put("scan_result", scanResult.orElse(null));
      e.add("urls", entry);
    }
    f.text("Virus", "virusFound")
        .ifPresent(v -> e.add("threats", EmailParts.threat("virus", v, type.eventType())));
    boolean urlVerdict =
        (type == SiemType.URL_PROTECT || type == SiemType.INTERNAL_EMAIL_PROTECT)
            && scanResult.filter(r -> !r.equalsIgnoreCase("clean")).isPresent();
    if (urlVerdict) {
      e.add(
          "threats",
          EmailParts.threat(
              "malicious_url", category.or(() -> scanResult).orElse(null), type.eventType()));
    }
    if (type == SiemType.SPAM) {
      e.add("threats", EmailParts.threat("spam", null, type.eventType()));
    }
  }

  private static void putImpersonation(Event.Builder e, SiemType type, RecordFields f) {
    List<String> identifiers = ImpersonationFlags.identifiers(f);
    Optional<Long> hits = f.longValue("Hits", "itemsDetected");
    Optional<Boolean> malicious = f.bool("TaggedMalicious");
    e.add("impersonation.identifiers", identifiers);
    e.put("impersonation.hits", hits.orElse(null));
    e.put("impersonation.tagged_malicious", malicious.orElse(null));
    e.put("impersonation.tagged_external", f.bool("TaggedExternal").orElse(null));
    boolean detected = !identifiers.isEmpty() || hits.orElse(0L) > 0 || malicious.orElse(false);
    if (type == SiemType.IMPERSONATION_PROTECT && detected) {
      e.add(
          "threats",
          EmailParts.threat(
              "impersonation",
              f.text("Definition", "policyDefinition").orElse(null),
              type.eventType()));
    }
  }
}
