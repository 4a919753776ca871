package io.mailsec.simulator.render;

import io.mailsec.simulator.data.Attachment;
import io.mailsec.simulator.data.Email;
import io.mailsec.simulator.data.Impersonation;
import io.mailsec.simulator.data.Rejection;
import io.mailsec.simulator.data.Rng;
import io.mailsec.simulator.data.SiemDetail;
import io.mailsec.simulator.data.SiemEvent;
import io.mailsec.simulator.data.Tenant;
import io.mailsec.simulator.data.UrlClick;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders SIEM rows with API 2.0 keys (mimecast-api.md §3.5): camelCase, numbers and booleans as
 * strings, {@code timestamp} in epoch milliseconds, {@code spamProcessingDetail} and {@code
 * analysis} as JSON strings. Batch files use {@code type}/{@code subtype}; the stream endpoint uses
 * {@code eventType}/{@code subType} (§7.4.11). Quirks, chosen per row by a hash so they are stable:
 * about 30% of rows suffix {@code aggregateId} with {@code _<epoch seconds>}, 2% write {@code
 * direction} in lower case, 2% double-encode {@code spamProcessingDetail}.
 */
public final class Siem2Renderer {
  private final Tenant tenant;

  public Siem2Renderer(Tenant tenant) {
    this.tenant = tenant;
  }

  /** Batch-file form ({@code type}/{@code subtype}). */
  public Map<String, Object> batch(SiemEvent event) {
    return render(event, "type", "subtype");
  }

  /** Stream-endpoint form ({@code eventType}/{@code subType}). */
  public Map<String, Object> stream(SiemEvent event) {
    return render(event, "eventType", "subType");
  }

  private Map<String, Object> render(SiemEvent event, String typeKey, String subtypeKey) {
    Email email = event.email();
    long quirk = Math.floorMod(Rng.hash(event.id()), 100L);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("_offset", 10_000 + Math.floorMod(Rng.hash(event.id() + "#o"), 900_000L));
    row.put("_partition", Math.floorMod(Rng.hash(email.aggregateId()), 64L));
    row.put("accountId", tenant.accountCode());
    row.put(
        "aggregateId",
        quirk < 30
            ? email.aggregateId() + "_" + email.receivedAt().getEpochSecond()
            : email.aggregateId());
    row.put("processingId", event.processingId());
    row.put("timestamp", event.time().toEpochMilli());
    row.put(typeKey, event.type().apiName());
    row.put(subtypeKey, null);
    String direction = quirk >= 98 ? email.direction().ttpRoute() : email.direction().siemName();
    SiemDetail detail = event.detail();
    if (detail instanceof SiemDetail.Receipt receipt) {
      row.put(subtypeKey, receipt.action());
      receipt(row, event, receipt, direction, quirk);
    } else if (detail instanceof SiemDetail.Process process) {
      row.put(subtypeKey, process.action());
      row.put("action", process.action());
      row.put("holdReason", process.holdReason());
      row.put("senderEnvelope", email.envelopeSender());
      row.put("messageId", email.messageId());
      row.put("subject", email.subject());
      row.put("numberAttachments", str(email.attachments().size()));
      row.put("totalSizeAttachments", str(email.attachmentBytes()));
      row.put(
          "attachments",
          email.attachments().isEmpty() ? null : Siem1Renderer.attachmentNames(email));
      row.put("emailSize", str(email.sizeBytes()));
    } else if (detail instanceof SiemDetail.Delivery delivery) {
      row.put(subtypeKey, String.valueOf(delivery.delivered()));
      delivery(row, event, delivery, direction);
    } else if (detail instanceof SiemDetail.Journal) {
      row.put("senderEnvelope", email.envelopeSender());
      row.put("recipients", event.recipient());
      row.put("direction", direction);
      row.put("messageId", email.messageId());
    } else if (detail instanceof SiemDetail.Av av) {
      av(row, event, av.attachment());
    } else if (detail instanceof SiemDetail.Spam spam) {
      row.put("senderEnvelope", email.envelopeSender());
      row.put("senderHeader", email.headerFrom());
      row.put("senderDomain", email.senderDomain());
      row.put("senderIp", email.senderIp());
      row.put("recipients", event.recipient());
      row.put("route", email.direction().siemName());
      row.put("messageId", email.messageId());
      row.put("subject", email.subject());
      row.put("taggedExternal", String.valueOf(spam.taggedExternal()));
      row.put("taggedMalicious", String.valueOf(spam.taggedMalicious()));
    } else if (detail instanceof SiemDetail.InternalProtect iep) {
      row.put("senderEnvelope", email.envelopeSender());
      row.put("recipients", event.recipient());
      row.put("route", "Internal");
      row.put("messageId", email.messageId());
      row.put("subject", email.subject());
      row.put("url", iep.url());
      row.put("urlCategory", iep.category());
      row.put("scanResults", iep.scanResult());
      row.put("monitoredDomainSource", iep.similarDomain() == null ? null : "internal");
      row.put("similarDomain", iep.similarDomain());
    } else if (detail instanceof SiemDetail.ImpersonationHit hit) {
      row.put(subtypeKey, hit.impersonation().action().equals("hold") ? "Hold" : "None");
      impersonation(row, event, hit.impersonation());
    } else if (detail instanceof SiemDetail.UrlProtect url) {
      row.put(subtypeKey, TtpRenderer.capitalized(url.click().action()));
      urlProtect(row, event, url.click());
    } else if (detail instanceof SiemDetail.AttachmentProtect ap) {
      Attachment file = ap.attachment();
      row.put(subtypeKey, ap.result());
      row.put("fileName", file.fileName());
      row.put("fileExtension", file.extension());
      row.put("md5", file.md5());
      row.put("sha1", file.sha1());
      row.put("sha256", file.sha256());
    }
    return row;
  }

  private static void receipt(
      Map<String, Object> row,
      SiemEvent event,
      SiemDetail.Receipt receipt,
      String direction,
      long quirk) {
    Email email = event.email();
    boolean accepted = receipt.rejection() == null;
    row.put("action", receipt.action());
    row.put("senderEnvelope", email.envelopeSender());
    row.put("senderHeader", accepted ? email.headerFrom() : null);
    row.put("recipients", event.recipient());
    row.put("senderIp", email.senderIp());
    row.put("direction", direction);
    row.put("messageId", accepted ? email.messageId() : null);
    row.put("subject", accepted ? email.subject() : null);
    row.put("numberAttachments", accepted ? str(email.attachments().size()) : null);
    row.put("spamScore", accepted ? str(email.spamScore()) : null);
    row.put("spamDetectionLevel", accepted ? str(email.spamLimit()) : null);
    row.put("spamInfo", accepted ? "[]" : null);
    String detail = Json.write(SpamDetail.asObject(email));
    row.put("spamProcessingDetail", !accepted ? null : quirk == 50 ? Json.write(detail) : detail);
    rejection(row, receipt.rejection());
    row.put("receiptErrors", null);
    row.put("tlsVersion", email.tlsVersion());
    row.put("tlsCipher", email.tlsCipher());
    row.put("virusFound", null);
  }

  private static void rejection(Map<String, Object> row, Rejection rejection) {
    row.put("rejectionType", rejection == null ? null : rejection.type());
    row.put("rejectionCode", rejection == null ? null : rejection.code());
    row.put("rejectionInfo", rejection == null ? null : rejection.info());
  }

  private static void delivery(
      Map<String, Object> row, SiemEvent event, SiemDetail.Delivery d, String direction) {
    Email email = event.email();
    row.put("delivered", String.valueOf(d.delivered()));
    row.put("deliveryAttempts", str(d.attempt()));
    row.put("deliveryTime", str(d.latencyMillis()));
    row.put(
        "deliveryErrors",
        d.rejection() == null ? null : d.rejection().code() + " " + d.rejection().info());
    row.put("destinationIp", d.destinationIp());
    row.put("Hostname", d.hostname());
    row.put("direction", direction);
    row.put("route", d.route());
    row.put("senderEnvelope", email.envelopeSender());
    row.put("recipients", event.recipient());
    row.put("messageId", email.messageId());
    row.put("subject", email.subject());
    row.put("emailSize", str(email.sizeBytes()));
    row.put("numberAttachments", str(email.attachments().size()));
    row.put("totalSizeAttachments", str(email.attachmentBytes()));
    row.put("tlsUsed", d.tlsUsed() ? "Yes" : "No");
    row.put("tlsVersion", d.tlsUsed() ? email.tlsVersion() : null);
    row.put("tlsCipher", d.tlsUsed() ? email.tlsCipher() : null);
    rejection(row, d.rejection());
  }

  private static void av(Map<String, Object> row, SiemEvent event, Attachment file) {
    Email email = event.email();
    row.put("senderEnvelope", email.envelopeSender());
    row.put("recipients", event.recipient());
    row.put("senderIp", email.senderIp());
    row.put("senderDomain", email.senderDomain());
    row.put("senderDomainInternal", "false");
    row.put("route", email.direction().siemName());
    row.put("messageId", email.messageId());
    row.put("subject", email.subject());
    row.put("emailSize", str(email.sizeBytes()));
    row.put("virusFound", file.virusName());
    row.put("fileName", file.fileName());
    row.put("fileExtension", file.extension());
    row.put("md5", file.md5());
    row.put("sha1", file.sha1());
    row.put("sha256", file.sha256());
  }

  private static void impersonation(Map<String, Object> row, SiemEvent event, Impersonation imp) {
    Email email = event.email();
    row.put("senderEnvelope", email.envelopeSender());
    row.put("recipients", event.recipient());
    row.put("senderIp", email.senderIp());
    row.put("route", email.direction().siemName());
    row.put("messageId", email.messageId());
    row.put("subject", email.subject());
    row.put("action", imp.action().equals("hold") ? "Hold" : "None");
    row.put("policyDefinition", "Default Impersonation Definition");
    row.put("itemsDetected", str(imp.hits()));
    row.put("taggedMalicious", String.valueOf(imp.taggedMalicious()));
    row.put("taggedExternal", String.valueOf(imp.taggedExternal()));
    row.put("internalUserName", String.valueOf(imp.has("internal_user_name")));
    row.put("newDomain", String.valueOf(imp.has("newly_observed_domain")));
    row.put("replyMismatch", String.valueOf(imp.has("reply_address_mismatch")));
    row.put("customThreatDictionary", "false");
    row.put("mimecastThreatDictionary", String.valueOf(imp.has("targeted_threat_dictionary")));
    row.put("customNameMatch", String.valueOf(imp.has("custom_name_list")));
    row.put("similarInternalDomain", String.valueOf(imp.has("similar_internal_domain")));
    row.put("similarMimecastExternalDomain", "false");
    row.put("similarCustomExternalDomain", "false");
  }

  private static void urlProtect(Map<String, Object> row, SiemEvent event, UrlClick click) {
    Email email = event.email();
    row.put("url", click.url());
    row.put("urlCategory", click.category());
    row.put("action", TtpRenderer.capitalized(click.action()));
    row.put("blockReason", click.malicious() ? "malicious" : null);
    row.put("senderEnvelope", email.envelopeSender());
    row.put("senderDomain", email.senderDomain());
    row.put("sourceIp", email.senderIp());
    row.put("recipients", event.recipient());
    row.put("route", email.direction().ttpRoute());
    row.put("messageId", email.messageId());
    row.put("subject", email.subject());
    Map<String, Object> analysis = new LinkedHashMap<>();
    analysis.put(
        "CredentialTheftEvidence", click.credentialTheft() ? List.of("login form") : List.of());
    analysis.put(
        "CredentialTheftTags", click.credentialTheft() ? List.of("Brand Imitation") : List.of());
    row.put("analysis", Json.write(analysis));
  }

  private static String str(int value) {
    return Integer.toString(value);
  }
}
