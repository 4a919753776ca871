package io.mailsec.normalize.ti;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.normalize.support.Addresses;
import io.mailsec.normalize.support.Canonical;
import io.mailsec.normalize.support.EventStart;
import io.mailsec.normalize.support.RecordFields;
import io.mailsec.normalize.support.RecordRejected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Normalizes one row of the threat feed's CSV (pipe-delimited, with a header row) into a {@code
 * threat_indicator} event. The primary indicator is the first of SHA256, SHA1, MD5, SenderAddress
 * and (only when none of those is present) SendingIP that the row has; the other values fill their
 * own columns. The literal {@code null} means "no value".
 */
public final class CsvIndicatorNormalizer {
  private CsvIndicatorNormalizer() {}

  public static Event normalize(String header, String row, NormalizationContext ctx) {
    List<String> columns = PipeCsv.split(header);
    List<String> values = PipeCsv.split(row);
    if (columns.size() != values.size()) {
      throw new RecordRejected(
          "CSV row has " + values.size() + " fields but the header has " + columns.size());
    }
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < columns.size(); i++) {
      String value = values.get(i);
      if (value.isEmpty() || value.equalsIgnoreCase("null")) {
        record.putNull(columns.get(i));
      } else {
        record.put(columns.get(i), value);
      }
    }
    RecordFields f = RecordFields.of(record);
    List<Observable> observables = new ArrayList<>();
    f.text("SHA256").ifPresent(v -> observables.add(Observable.of("sha256", v, "SHA256")));
    f.text("SHA1").ifPresent(v -> observables.add(Observable.of("sha1", v, "SHA1")));
    f.text("MD5").ifPresent(v -> observables.add(Observable.of("md5", v, "MD5")));
    f.text("SenderAddress")
        .flatMap(Addresses::address)
        .ifPresent(v -> observables.add(Observable.of("sender", v, "SenderAddress")));
    if (observables.isEmpty()) {
      // Only when nothing better exists is the sending IP the indicator itself.
      f.ip("SendingIP").ifPresent(v -> observables.add(Observable.of("ip", v, "SendingIP")));
    }
    if (observables.isEmpty()) {
      throw new RecordRejected(
          "CSV row has no indicator value (no SHA256, SHA1, MD5, SenderAddress or SendingIP)");
    }
    Optional<Instant> time = f.time("Timestamp");
    Event.Builder e =
        EventStart.start(
            SchemaRegistry.THREAT_INDICATOR,
            ctx,
            IndicatorFields.eventType(ctx),
            time,
            row.replaceAll("[\r\n]+$", ""),
            Canonical.of(record));
    IndicatorFields.putFeed(e, ctx);
    IndicatorFields.putObservables(e, observables);
    e.put("valid_from", time.orElse(null));
    e.put("file_name", f.text("FileName").orElse(null));
    e.put("file_size", f.longValue("FileSize").orElse(null));
    e.put("file_mime_type", f.text("FileMimeType").orElse(null));
    e.put("email_source_ip", f.ip("SendingIP").orElse(null));
    return e.build();
  }
}
