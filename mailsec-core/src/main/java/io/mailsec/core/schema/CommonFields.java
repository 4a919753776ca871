package io.mailsec.core.schema;

import static io.mailsec.core.schema.FieldType.BOOLEAN;
import static io.mailsec.core.schema.FieldType.KEYWORD;
import static io.mailsec.core.schema.FieldType.OBJECT;
import static io.mailsec.core.schema.FieldType.TEXT;
import static io.mailsec.core.schema.FieldType.TIMESTAMP;

import java.util.List;

/** Fields present on every schema. */
final class CommonFields {
  private CommonFields() {}

  static List<FieldDef> fields() {
    return new FieldListBuilder()
        .required(
            "id",
            KEYWORD,
            "Stable unique event id: hash of tenant, integration, data type and the canonical"
                + " original record (see docs/normalization.md)")
        .required("tenant_id", KEYWORD, "Tenant that owns the event")
        .required(
            "sensor_type",
            KEYWORD,
            "Product that produced the record: `mimecast`; `mailsec` for alerts")
        .required("event_time", TIMESTAMP, "When the event happened, in UTC")
        .required("event_type", KEYWORD, "Kind of event within the schema, e.g. `receipt`")
        .required("ingest", OBJECT, "How the event was collected")
        .required("ingest.integration_id", KEYWORD, "Id of the integration that collected it")
        .required(
            "ingest.data_type",
            KEYWORD,
            "Collected data type: `siem`, `ttp-url`, `ttp-attachment`, `ttp-impersonation`,"
                + " `dlp`, `threat-intel` or `audit`; `alert` for alerts")
        .one("ingest.api_version", KEYWORD, "Mimecast API version it came through: `1.0` or `2.0`")
        .required("ingest.time", TIMESTAMP, "When mailsec normalized the record")
        .one(
            "ingest.event_time_estimated",
            BOOLEAN,
            "True when the record carried no event time and `event_time` is the ingest time")
        .required("original_data", TEXT, "The original record, verbatim")
        .build();
  }
}
