package io.mailsec.core.schema;

import static io.mailsec.core.schema.FieldType.IP;
import static io.mailsec.core.schema.FieldType.KEYWORD;
import static io.mailsec.core.schema.FieldType.TEXT;
import static io.mailsec.core.schema.LogicalType.EMAIL;
import static io.mailsec.core.schema.LogicalType.USER;

import java.util.List;

/** The {@code audit} schema: one Mimecast administration audit event. */
final class AuditFields {
  private AuditFields() {}

  static List<FieldDef> fields() {
    return new FieldListBuilder()
        .one("audit_id", KEYWORD, "Mimecast's audit id (not unique on its own)")
        .one("actor", KEYWORD, "User who performed the action", EMAIL, USER)
        .one("category", KEYWORD, "Audit category, e.g. `authentication_logs`")
        .one("audit_type", KEYWORD, "Audit type as logged, e.g. `User Logged On`")
        .one("event_info", TEXT, "Mimecast's free-text description")
        .one("source_ip", IP, "Client IP address parsed from the description", LogicalType.IP)
        .one("application", KEYWORD, "Application parsed from the description")
        .one("method", KEYWORD, "Authentication method parsed from the description")
        .one("second_factor", KEYWORD, "Second factor parsed from the description, e.g. `TOTP`")
        .build();
  }
}
