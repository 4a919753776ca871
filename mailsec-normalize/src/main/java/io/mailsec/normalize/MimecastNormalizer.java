package io.mailsec.normalize;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.schema.Violation;
import io.mailsec.normalize.audit.AuditNormalizer;
import io.mailsec.normalize.dlp.DlpNormalizer;
import io.mailsec.normalize.siem.SiemNormalizer;
import io.mailsec.normalize.support.RecordRejected;
import io.mailsec.normalize.ti.CsvIndicatorNormalizer;
import io.mailsec.normalize.ti.StixBundleNormalizer;
import io.mailsec.normalize.ttp.TtpAttachmentNormalizer;
import io.mailsec.normalize.ttp.TtpImpersonationNormalizer;
import io.mailsec.normalize.ttp.TtpUrlNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns raw Mimecast records into normalized events. Pure: no I/O, no clock (times come from the
 * context), stateless and thread-safe.
 *
 * <p>Contract: these methods never throw for bad input and never drop a record silently. A record
 * that cannot be normalized, including one whose result would not pass the {@link SchemaRegistry}
 * validator, comes back as a {@link QuarantinedRecord} holding the raw text and the reason.
 *
 * <p>Input per data type (the text exactly as received from the client):
 *
 * <ul>
 *   <li>{@code siem}: one record, a JSON object (1.0 JSON file item, 2.0 batch/stream event) or one
 *       1.0 key_value line; for 1.0 the context names the file type.
 *   <li>{@code ttp-url}, {@code ttp-attachment}, {@code ttp-impersonation}, {@code dlp}, {@code
 *       audit}: one log item as a JSON object.
 *   <li>{@code threat-intel}: a whole STIX bundle via {@link #normalize}, or one CSV row with its
 *       header via {@link #normalizeCsvRow}.
 * </ul>
 *
 * <p>Event ids are deterministic: see {@link io.mailsec.normalize.support.EventIds}.
 */
public final class MimecastNormalizer {
  private final SchemaRegistry schemas;

  public MimecastNormalizer() {
    this(SchemaRegistry.standard());
  }

  public MimecastNormalizer(SchemaRegistry schemas) {
    this.schemas = schemas;
  }

  /** Normalizes one record (or, for threat intel, one STIX bundle). */
  public NormalizationResult normalize(String record, NormalizationContext ctx) {
    String raw = record == null ? "" : record;
    if (raw.isBlank()) {
      return quarantine(ctx, "empty record", raw);
    }
    return switch (ctx.dataType()) {
      case SIEM -> single(ctx, raw, () -> SiemNormalizer.normalize(raw, ctx));
      case TTP_URL -> single(ctx, raw, () -> TtpUrlNormalizer.normalize(raw, ctx));
      case TTP_ATTACHMENT -> single(ctx, raw, () -> TtpAttachmentNormalizer.normalize(raw, ctx));
      case TTP_IMPERSONATION ->
          single(ctx, raw, () -> TtpImpersonationNormalizer.normalize(raw, ctx));
      case DLP -> single(ctx, raw, () -> DlpNormalizer.normalize(raw, ctx));
      case AUDIT -> single(ctx, raw, () -> AuditNormalizer.normalize(raw, ctx));
      case THREAT_INTEL ->
          raw.stripLeading().startsWith("{")
              ? stixBundle(raw, ctx)
              : quarantine(
                  ctx,
                  "threat-intel input is neither a STIX bundle nor a CSV row with its header"
                      + " (CSV rows go through normalizeCsvRow)",
                  raw);
    };
  }

  /**
   * Normalizes one row of the threat feed's CSV. If it is quarantined, its raw text is the header
   * line, a newline and the row, so it can be normalized again later.
   */
  public NormalizationResult normalizeCsvRow(
      String headerRow, String row, NormalizationContext ctx) {
    String header = headerRow == null ? "" : headerRow;
    String line = row == null ? "" : row;
    String raw = header.replaceAll("[\r\n]+$", "") + "\n" + line;
    if (line.isBlank()) {
      return quarantine(ctx, "empty record", raw);
    }
    if (header.isBlank()) {
      return quarantine(ctx, "CSV row without a header row", raw);
    }
    return single(ctx, raw, () -> CsvIndicatorNormalizer.normalize(header, line, ctx));
  }

  private NormalizationResult stixBundle(String raw, NormalizationContext ctx) {
    List<Event> events = new ArrayList<>();
    List<QuarantinedRecord> quarantined = new ArrayList<>();
    try {
      StixBundleNormalizer.normalize(
          raw,
          ctx,
          event -> {
            String original = event.string("original_data").orElse("");
            NormalizationResult checked = checked(ctx, original, event);
            events.addAll(checked.events());
            quarantined.addAll(checked.quarantined());
          },
          (reason, object) -> quarantined.add(record(ctx, reason, object)));
    } catch (RecordRejected e) {
      return quarantine(ctx, e.getMessage(), raw);
    } catch (RuntimeException e) {
      return quarantine(ctx, failure(e), raw);
    }
    return new NormalizationResult(events, quarantined);
  }

  private NormalizationResult single(NormalizationContext ctx, String raw, Supplier<Event> work) {
    try {
      return checked(ctx, raw, work.get());
    } catch (RecordRejected e) {
      return quarantine(ctx, e.getMessage(), raw);
    } catch (RuntimeException e) {
      return quarantine(ctx, failure(e), raw);
    }
  }

  /** Passes the event on if it fits its schema, otherwise quarantines its record. */
  private NormalizationResult checked(NormalizationContext ctx, String raw, Event event) {
    List<Violation> violations = schemas.validate(event);
    if (violations.isEmpty()) {
      return NormalizationResult.of(event);
    }
    String list = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    return quarantine(ctx, "normalized event does not fit its schema: " + list, raw);
  }

  /** A bug in a normalizer must not lose the record; it is quarantined with the cause. */
  private static String failure(RuntimeException e) {
    return "normalizer failure: " + e;
  }

  private static NormalizationResult quarantine(
      NormalizationContext ctx, String reason, String raw) {
    return NormalizationResult.quarantine(record(ctx, reason, raw));
  }

  private static QuarantinedRecord record(NormalizationContext ctx, String reason, String raw) {
    return new QuarantinedRecord(
        ctx.tenantId(),
        ctx.integrationId(),
        ctx.dataType().wireName(),
        reason,
        raw,
        ctx.origin(),
        ctx.ingestTime());
  }
}
