package io.mailsec.core.schema;

import static io.mailsec.core.schema.FieldType.BOOLEAN;
import static io.mailsec.core.schema.FieldType.IP;
import static io.mailsec.core.schema.FieldType.KEYWORD;
import static io.mailsec.core.schema.FieldType.TEXT;
import static io.mailsec.core.schema.LogicalType.DOMAIN;
import static io.mailsec.core.schema.LogicalType.EMAIL;
import static io.mailsec.core.schema.LogicalType.USER;

import java.util.List;

/** The {@code http} schema: a user clicking a rewritten URL (Mimecast TTP URL Protect). */
final class HttpFields {
  private HttpFields() {}

  static List<FieldDef> fields() {
    return new FieldListBuilder()
        .one("user_email_address", KEYWORD, "User who clicked", EMAIL, USER)
        .one("url", KEYWORD, "Clicked URL", LogicalType.URL)
        .one("uri_scheme", KEYWORD, "Scheme of the URL, lower case")
        .one("uri_host", KEYWORD, "Host of the URL, lower case", DOMAIN)
        .one("uri_path", KEYWORD, "Path of the URL")
        .one("uri_query", KEYWORD, "Query string of the URL, without `?`")
        .one("category", KEYWORD, "URL category, e.g. `Phishing & Fraud`")
        .one("scan_result", KEYWORD, "Scan verdict: `clean`, `malicious`, ...")
        .one("action", KEYWORD, "What happened to the click: `allow`, `warn`, `block`")
        .one("actions", KEYWORD, "Mimecast's action list text, e.g. `Browser Isolation`")
        .one("user_awareness_action", KEYWORD, "User awareness outcome, e.g. `Continue`")
        .one("admin_override", KEYWORD, "Administrator override, e.g. `N/A`")
        .one("user_override", KEYWORD, "User override, e.g. `None`")
        .one("source_address", IP, "IP address of the host that sent the email", LogicalType.IP)
        .one(
            "source_internal",
            BOOLEAN,
            "True when Mimecast logged the sending IP as the literal `Internal IP`")
        .one("message_id", KEYWORD, "Message-ID of the email that carried the URL")
        .one("from_email_address", KEYWORD, "Sender of the email that carried the URL", EMAIL, USER)
        .one("subject", TEXT, "Subject of the email that carried the URL")
        .one("route", KEYWORD, "Mail route: `inbound`, `outbound`, `internal`")
        .one("direction", KEYWORD, "Mail direction derived from the route")
        .one("policy", KEYWORD, "TTP URL Protect definition that applied")
        .one("creation_method", KEYWORD, "How the log was created, e.g. `User Click`")
        .many("email_parts", KEYWORD, "Parts of the email the URL was in, e.g. `Body`")
        .many(
            "tags",
            KEYWORD,
            "Mimecast tagMap flattened to `Group.Key:Value`, e.g. `UrlReputationScan.Status:VerdictBlock`")
        .build();
  }
}
