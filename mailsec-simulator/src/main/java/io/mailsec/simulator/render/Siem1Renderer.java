package io.mailsec.simulator.render;

import io.mailsec.simulator.data.Attachment;
import io.mailsec.simulator.data.Email;
import io.mailsec.simulator.data.Impersonation;
import io.mailsec.simulator.data.Rejection;
import io.mailsec.simulator.data.SiemDetail;
import io.mailsec.simulator.data.SiemEvent;
import io.mailsec.simulator.data.Tenant;
import io.mailsec.simulator.data.UrlClick;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders SIEM rows with API 1.0 keys (mimecast-api.md §3.2): terse PascalCase keys (lower camel
 * for {@code ttp_url}), {@code datetime} with the account's offset and second precision, typed
 * numbers and booleans (the key_value writer turns them into strings), {@code SpamProcessingDetail}
 * as an object. Rows rejected at receipt carry no {@code MsgId} or {@code Subject}, as in real
 * data.
 */
public final class Siem1Renderer {
  private final Tenant tenant;

  public Siem1Renderer(Tenant tenant) {
    this.tenant = tenant;
  }

  public Map<String, Object> render(SiemEvent event) {
    Email email = event.email();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("datetime", Formats.siemDatetime(event.time(), tenant.zone()));
    row.put("aCode", email.aggregateId());
    row.put("acc", tenant.accountCode());
    SiemDetail detail = event.detail();
    if (detail instanceof SiemDetail.Receipt receipt) {
      receipt(row, event, receipt);
    } else if (detail instanceof SiemDetail.Process process) {
      process(row, email, process);
    } else if (detail instanceof SiemDetail.Delivery delivery) {
      delivery(row, event, delivery);
    } else if (detail instanceof SiemDetail.Journal) {
      row.put("Sender", email.envelopeSender());
      row.put("Rcpt", event.recipient());
      row.put("RcptActType", "Jnl");
      row.put("RcptHdrType", "To");
      row.put("Dir", email.direction().siemName());
    } else if (detail instanceof SiemDetail.Av av) {
      av(row, event, av.attachment());
    } else if (detail instanceof SiemDetail.Spam) {
      row.put("MsgId", email.messageId());
      row.put("Sender", email.envelopeSender());
      row.put("Recipient", event.recipient());
      row.put("SenderDomain", email.senderDomain());
      row.put("SourceIP", email.senderIp());
      row.put("Route", email.direction().siemName());
      row.put("Subject", email.subject());
      row.put("headerFrom", email.headerFrom());
    } else if (detail instanceof SiemDetail.InternalProtect iep) {
      row.put("MsgId", email.messageId());
      row.put("Sender", email.envelopeSender());
      row.put("Recipient", event.recipient());
      row.put("Route", "Internal");
      row.put("Subject", email.subject());
      row.put("URL", iep.url());
      row.put("UrlCategory", iep.category());
      row.put("ScanResultInfo", iep.scanResult());
    } else if (detail instanceof SiemDetail.ImpersonationHit hit) {
      impersonation(row, event, hit.impersonation());
    } else if (detail instanceof SiemDetail.UrlProtect url) {
      urlProtect(row, event, url.click());
    } else if (detail instanceof SiemDetail.AttachmentProtect ap) {
      Attachment file = ap.attachment();
      row.put("Sender", email.envelopeSender());
      row.put("Recipient", email.recipients().get(0));
      row.put("SenderDomain", email.senderDomain());
      row.put("IP", email.senderIp());
      row.put("Route", email.direction().siemName());
      row.put("Size", file.sizeBytes());
      row.put("fileName", file.fileName());
      row.put("fileExt", file.extension());
      row.put("fileMime", file.mimeType());
      row.put("md5", file.md5());
      row.put("sha1", file.sha1());
      row.put("sha256", file.sha256());
    }
    return row;
  }

  private static void receipt(
      Map<String, Object> row, SiemEvent event, SiemDetail.Receipt receipt) {
    Email email = event.email();
    row.put("Sender", email.envelopeSender());
    row.put("Rcpt", event.recipient());
    row.put("Act", receipt.action());
    row.put("IP", email.senderIp());
    row.put("Dir", email.direction().siemName());
    if (receipt.rejection() == null) {
      row.put("MsgId", email.messageId());
      row.put("Subject", email.subject());
      row.put("headerFrom", email.headerFrom());
      row.put("SpamLimit", email.spamLimit());
      row.put("SpamScore", email.spamScore());
      row.put("SpamInfo", "[]");
      row.put("SpamProcessingDetail", SpamDetail.asObject(email));
    } else {
      rejection(row, receipt.rejection());
    }
    if (email.tlsVersion() != null) {
      row.put("TlsVer", email.tlsVersion());
      row.put("Cphr", email.tlsCipher());
    }
  }

  private static void rejection(Map<String, Object> row, Rejection rejection) {
    row.put("RejType", rejection.type());
    row.put("RejCode", rejection.code());
    row.put("RejInfo", rejection.info());
  }

  private static void process(Map<String, Object> row, Email email, SiemDetail.Process process) {
    row.put("Act", process.action());
    if (process.holdReason() != null) {
      row.put("Hld", process.holdReason());
    }
    row.put("AttCnt", email.attachments().size());
    if (!email.attachments().isEmpty()) {
      row.put("AttNames", attachmentNames(email));
    }
    row.put("AttSize", email.attachmentBytes());
    row.put("MsgSize", email.sizeBytes());
    row.put("MsgId", email.messageId());
    row.put("Sender", email.envelopeSender());
    row.put("Subject", email.subject());
    Impersonation imp = process.impersonation();
    row.put("IPNewDomain", flag(imp != null && imp.has("newly_observed_domain")));
    row.put("IPReplyMismatch", flag(imp != null && imp.has("reply_address_mismatch")));
    row.put("IPSimilarDomain", flag(imp != null && imp.has("similar_internal_domain")));
    row.put("IPThreadDict", flag(imp != null && imp.has("targeted_threat_dictionary")));
    row.put("IPInternalName", flag(imp != null && imp.has("internal_user_name")));
  }

  /** {@code "a.docx", "b.xlsx"}: names quoted and comma separated, as Mimecast writes them. */
  static String attachmentNames(Email email) {
    return email.attachments().stream()
        .map(a -> "\"" + a.fileName() + "\"")
        .collect(Collectors.joining(", "));
  }

  private static void delivery(Map<String, Object> row, SiemEvent event, SiemDetail.Delivery d) {
    Email email = event.email();
    row.put("Delivered", d.delivered());
    row.put("Rcpt", event.recipient());
    row.put("Sender", email.envelopeSender());
    row.put("IP", d.destinationIp());
    row.put("Dir", email.direction().siemName());
    row.put("Route", d.route());
    row.put("Attempt", d.attempt());
    row.put("Latency", d.latencyMillis());
    row.put("Snt", d.bytesSent());
    row.put("UseTls", d.tlsUsed() ? "Yes" : "No");
    if (d.tlsUsed()) {
      row.put("TlsVer", email.tlsVersion());
      row.put("Cphr", email.tlsCipher());
    }
    if (d.receiptAck() != null) {
      row.put("ReceiptAck", d.receiptAck());
    }
    row.put("AttCnt", email.attachments().size());
    row.put("AttSize", email.attachmentBytes());
    row.put("MsgId", email.messageId());
    row.put("Subject", email.subject());
    if (d.rejection() != null) {
      rejection(row, d.rejection());
      row.put("Err", d.rejection().code() + " " + d.rejection().info());
    }
  }

  private static void av(Map<String, Object> row, SiemEvent event, Attachment file) {
    Email email = event.email();
    row.put("Sender", email.envelopeSender());
    row.put("Recipient", event.recipient());
    row.put("SenderDomain", email.senderDomain());
    row.put("SenderDomainInternal", "false");
    row.put("Route", email.direction().siemName());
    row.put("IP", email.senderIp());
    row.put("CustomerIP", "true");
    row.put("MimecastIP", "false");
    row.put("MsgId", email.messageId());
    row.put("Subject", email.subject());
    row.put("Size", email.sizeBytes());
    row.put("Virus", file.virusName());
    row.put("fileName", file.fileName());
    row.put("fileExt", file.extension());
    row.put("fileMime", file.mimeType());
    row.put("md5", file.md5());
    row.put("sha1", file.sha1());
    row.put("sha256", file.sha256());
  }

  private static void impersonation(Map<String, Object> row, SiemEvent event, Impersonation imp) {
    Email email = event.email();
    row.put("MsgId", email.messageId());
    row.put("Sender", email.envelopeSender());
    row.put("Recipient", event.recipient());
    row.put("IP", email.senderIp());
    row.put("Route", email.direction().siemName());
    row.put("Subject", email.subject());
    row.put("Action", imp.action().equals("hold") ? "Hold" : "None");
    row.put("Definition", "Default Impersonation Definition");
    row.put("Hits", String.valueOf(imp.hits()));
    row.put("CustomName", flag(imp.has("custom_name_list")));
    row.put("CustomThreatDictionary", "false");
    row.put("InternalName", flag(imp.has("internal_user_name")));
    row.put("NewDomain", flag(imp.has("newly_observed_domain")));
    row.put("ReplyMismatch", flag(imp.has("reply_address_mismatch")));
    row.put("SimilarCustomExternalDomain", "false");
    row.put("SimilarInternalDomain", flag(imp.has("similar_internal_domain")));
    row.put("SimilarMimecastExternalDomain", "false");
    row.put("TaggedExternal", flag(imp.taggedExternal()));
    row.put("TaggedMalicious", flag(imp.taggedMalicious()));
    row.put("ThreatDictionary", flag(imp.has("targeted_threat_dictionary")));
  }

  private static void urlProtect(Map<String, Object> row, SiemEvent event, UrlClick click) {
    Email email = event.email();
    row.put("sender", email.envelopeSender());
    row.put("recipient", event.recipient());
    row.put("senderDomain", email.senderDomain());
    row.put("sourceIp", email.senderIp());
    row.put("route", email.direction().ttpRoute());
    row.put("url", click.url());
    row.put("urlCategory", click.category());
    row.put("reason", click.malicious() ? "malicious" : "clean");
    row.put("action", TtpRenderer.capitalized(click.action()));
    row.put("subject", email.subject());
    row.put("msgid", email.messageId());
    row.put("credentialTheft", flag(click.credentialTheft()));
  }

  private static String flag(boolean value) {
    return value ? "true" : "false";
  }
}
