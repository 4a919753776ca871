package io.mailsec.core.schema;

import static io.mailsec.core.schema.FieldType.BOOLEAN;
import static io.mailsec.core.schema.FieldType.IP;
import static io.mailsec.core.schema.FieldType.KEYWORD;
import static io.mailsec.core.schema.FieldType.LONG;
import static io.mailsec.core.schema.FieldType.TEXT;
import static io.mailsec.core.schema.LogicalType.DOMAIN;
import static io.mailsec.core.schema.LogicalType.EMAIL;
import static io.mailsec.core.schema.LogicalType.HASH;
import static io.mailsec.core.schema.LogicalType.USER;

import java.util.List;

/** The {@code email} schema: one row of Mimecast's mail flow or email-protection logs. */
final class EmailFields {
  private EmailFields() {}

  static List<FieldDef> fields() {
    return new FieldListBuilder()
        .many("from_email_address", KEYWORD, "Header From address(es)", EMAIL, USER)
        .one(
            "envelope_from",
            KEYWORD,
            "Envelope sender (MAIL FROM); empty string for the null sender `<>`",
            EMAIL,
            USER)
        .many(
            "to_email_address",
            KEYWORD,
            "To recipients (SIEM rows: the envelope recipient)",
            EMAIL,
            USER)
        .many("cc_email_address", KEYWORD, "Cc recipients", EMAIL, USER)
        .many("bcc_email_address", KEYWORD, "Bcc recipients", EMAIL, USER)
        .one("subject", TEXT, "Subject line")
        .one("message_id", KEYWORD, "Internet Message-ID header, as logged (usually in `<>`)")
        .one(
            "correlation_id",
            KEYWORD,
            "Shared by all rows of one message: Mimecast aCode / aggregateId without `_<epoch>`")
        .one("processing_id", KEYWORD, "Mimecast processingId (not unique per row)")
        .one("account_id", KEYWORD, "Mimecast account code")
        .one("direction", KEYWORD, "`inbound`, `outbound`, `internal` or `external`")
        .one(
            "direction_source",
            KEYWORD,
            "`mimecast` when Mimecast gave the direction, `enrichment` when derived from the"
                + " configured internal domains and networks")
        .one(
            "status",
            KEYWORD,
            "Normalized outcome: `accepted`, `rejected`, `held`, `bounced`, `delivered`, `failed`,"
                + " `sandboxed`, `deferred`, `ignored`, `journaled`, `blocked`, `allowed`")
        .one("action", KEYWORD, "Action as Mimecast logged it, e.g. `Acc`, `Hld`, `Hold`, `Block`")
        .one("message_size", LONG, "Message size in bytes")
        .one("sender_ip", IP, "IP address of the sending host", LogicalType.IP)
        .one("sender_domain", KEYWORD, "Domain of the sender", DOMAIN)
        .one(
            "sender_domain_internal",
            BOOLEAN,
            "Mimecast's verdict that the sender domain is internal")
        .one("destination_ip", IP, "IP address of the next hop a delivery went to", LogicalType.IP)
        .one("destination_host", KEYWORD, "Host name of the next hop a delivery went to")
        .one("route", KEYWORD, "Mimecast route or delivery route/policy name")
        .one("policy", KEYWORD, "Mimecast policy or definition that applied")
        .one("hold_reason", KEYWORD, "Why the message was held, e.g. `Spm`")
        .one("rejection_type", KEYWORD, "Rejection type, e.g. `IP Found in RBL`")
        .one("rejection_code", KEYWORD, "SMTP rejection code, e.g. `550`")
        .one("rejection_info", TEXT, "Rejection details")
        .one("error_info", TEXT, "Receipt or delivery error text")
        .one("delivered", BOOLEAN, "Whether the delivery attempt succeeded")
        .one("delivery_attempt", LONG, "Delivery attempt number")
        .one("delivery_latency_ms", LONG, "Delivery time in milliseconds")
        .one("delivery_bytes_sent", LONG, "Bytes sent during delivery")
        .one("delivery_receipt", TEXT, "Receiving server's acknowledgement line")
        .object("tls", "Transport security of the SMTP session")
        .one("tls.used", BOOLEAN, "Whether TLS was used")
        .one("tls.version", KEYWORD, "TLS protocol version, e.g. `TLSv1.2`")
        .one("tls.cipher", KEYWORD, "TLS cipher suite")
        .object("auth", "Sender authentication results (from SpamProcessingDetail)")
        .one("auth.spf", FieldType.OBJECT, "SPF check")
        .one("auth.spf.result", KEYWORD, "SPF result as logged, e.g. `SPF_FAIL`, `ALLOW`")
        .one("auth.spf.allow", BOOLEAN, "Whether the SPF result let the message through")
        .one("auth.dkim", FieldType.OBJECT, "DKIM check")
        .one("auth.dkim.result", KEYWORD, "DKIM result as logged")
        .one("auth.dkim.allow", BOOLEAN, "Whether the DKIM result let the message through")
        .one("auth.dmarc", FieldType.OBJECT, "DMARC check")
        .one("auth.dmarc.result", KEYWORD, "DMARC result as logged")
        .one("auth.dmarc.allow", BOOLEAN, "Whether the DMARC result let the message through")
        .one("spam_score", LONG, "Spam score")
        .one(
            "spam_detection_level", LONG, "Spam detection level / limit the score is compared with")
        .many("spam_info", KEYWORD, "Spam detection details")
        .one("attachment_count", LONG, "Number of attachments")
        .one("attachments_size", LONG, "Total size of the attachments in bytes")
        .objects("attachments", "Attachments of the message")
        .one("attachments.name", KEYWORD, "File name")
        .one("attachments.extension", KEYWORD, "File extension, lower case, without dot")
        .one("attachments.mime_type", KEYWORD, "MIME type")
        .one("attachments.size", LONG, "Size in bytes")
        .one("attachments.sha256", KEYWORD, "SHA-256, lower-case hex", HASH)
        .one("attachments.sha1", KEYWORD, "SHA-1, lower-case hex", HASH)
        .one("attachments.md5", KEYWORD, "MD5, lower-case hex", HASH)
        .one("attachments.result", KEYWORD, "Scan verdict, e.g. `safe`, `malicious`")
        .one("attachments.detail", TEXT, "Scan details as logged (sandbox verdict, time taken)")
        .objects("urls", "URLs found or scanned in the message")
        .one("urls.url", KEYWORD, "The URL", LogicalType.URL)
        .one("urls.host", KEYWORD, "Host part of the URL", DOMAIN)
        .one("urls.category", KEYWORD, "URL category, e.g. `Phishing & Fraud`")
        .one("urls.scan_result", KEYWORD, "Scan verdict or block reason, e.g. `malicious`")
        .objects("threats", "Threats Mimecast detected")
        .one(
            "threats.classification",
            KEYWORD,
            "Kind of threat: `virus`, `malicious_url`, `malicious_attachment`, `impersonation`,"
                + " `spam`")
        .one("threats.name", KEYWORD, "Threat name, category or verdict as logged")
        .one("threats.source", KEYWORD, "Event type of the detecting component, e.g. `av`")
        .object("impersonation", "Impersonation Protect indicators")
        .many(
            "impersonation.identifiers",
            KEYWORD,
            "Indicators that hit, Mimecast TTP vocabulary, e.g. `newly_observed_domain`")
        .one("impersonation.hits", LONG, "Number of indicators that hit")
        .one("impersonation.tagged_malicious", BOOLEAN, "Mimecast tagged the message malicious")
        .one("impersonation.tagged_external", BOOLEAN, "Mimecast tagged the message external")
        .objects("impersonation.results", "Per-indicator details")
        .one("impersonation.results.source", KEYWORD, "Indicator, e.g. `internal_user_name`")
        .one("impersonation.results.similar_domain", KEYWORD, "Name or domain that was imitated")
        .one("impersonation.results.similar_to", KEYWORD, "String found similar to it")
        .one("impersonation.results.checker_result", KEYWORD, "Checker verdict, e.g. `hit`")
        .build();
  }
}
