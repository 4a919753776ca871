package io.mailsec.core.schema;

import static io.mailsec.core.schema.FieldType.BOOLEAN;
import static io.mailsec.core.schema.FieldType.IP;
import static io.mailsec.core.schema.FieldType.KEYWORD;
import static io.mailsec.core.schema.FieldType.LONG;
import static io.mailsec.core.schema.FieldType.TEXT;
import static io.mailsec.core.schema.FieldType.TIMESTAMP;
import static io.mailsec.core.schema.LogicalType.DOMAIN;
import static io.mailsec.core.schema.LogicalType.EMAIL;
import static io.mailsec.core.schema.LogicalType.HASH;

import java.util.List;

/**
 * The {@code threat_indicator} schema: one indicator of the Mimecast threat-intel feed. Column
 * concepts follow Sentinel's ThreatIntelligenceIndicator table (see docs/normalization.md).
 */
final class ThreatIndicatorFields {
  private ThreatIndicatorFields() {}

  static List<FieldDef> fields() {
    return new FieldListBuilder()
        .one(
            "indicator_type",
            KEYWORD,
            "Type of the primary observable: `sha256`, `sha1`, `md5`, `url`, `domain`, `ip`,"
                + " `sender`")
        .one("indicator_value", KEYWORD, "Value of the primary observable")
        .one("indicator_id", KEYWORD, "Provider's indicator id, e.g. STIX `indicator--...`")
        .one("feed_type", KEYWORD, "Mimecast feed: `malware_customer` or `malware_grid`")
        .one("provider", KEYWORD, "Who supplied the indicator; `Mimecast`")
        .one("threat_type", KEYWORD, "Threat type, e.g. `malware`")
        .one("name", KEYWORD, "Indicator name")
        .one("description", TEXT, "Indicator description")
        .many("labels", KEYWORD, "Labels and STIX indicator types")
        .many("malware_names", KEYWORD, "Names of the malware the indicator indicates")
        .many("malware_types", KEYWORD, "Labels / types of that malware, e.g. `virus`")
        .one("confidence", LONG, "Confidence 0-100")
        .one("pattern", KEYWORD, "Detection pattern, e.g. STIX `[file:hashes.'SHA-256' = '...']`")
        .one("pattern_type", KEYWORD, "Pattern language, e.g. `stix`")
        .one(
            "observable_key",
            KEYWORD,
            "Object path of the primary observable, e.g. `file:hashes.'SHA-256'`")
        .one("valid_from", TIMESTAMP, "Start of validity")
        .one("valid_until", TIMESTAMP, "End of validity (no longer match after)")
        .one("created", TIMESTAMP, "When the provider created the indicator")
        .one("modified", TIMESTAMP, "When the provider last modified the indicator")
        .one("revoked", BOOLEAN, "Whether the provider revoked the indicator")
        .one("stix_spec_version", KEYWORD, "STIX version of the source object: `2.0` or `2.1`")
        .one("file_name", KEYWORD, "File name of the malicious file")
        .one("file_size", LONG, "File size in bytes")
        .one("file_mime_type", KEYWORD, "File MIME type")
        .one("file_hash_sha256", KEYWORD, "SHA-256 of the file, lower-case hex", HASH)
        .one("file_hash_sha1", KEYWORD, "SHA-1 of the file, lower-case hex", HASH)
        .one("file_hash_md5", KEYWORD, "MD5 of the file, lower-case hex", HASH)
        .one("url", KEYWORD, "Malicious URL", LogicalType.URL)
        .one("domain_name", KEYWORD, "Malicious domain", DOMAIN)
        .one("network_ip", IP, "Malicious IP address", LogicalType.IP)
        .one("email_sender_address", KEYWORD, "Sender address of the malicious email", EMAIL)
        .one("email_source_ip", IP, "IP address that sent the malicious email", LogicalType.IP)
        .build();
  }
}
