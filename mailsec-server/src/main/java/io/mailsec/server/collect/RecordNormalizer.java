package io.mailsec.server.collect;

import io.mailsec.core.source.SourceRecord;
import io.mailsec.mimecast.source.SourceHints;
import io.mailsec.normalize.MimecastNormalizer;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.normalize.NormalizationResult;
import java.time.Instant;
import java.util.Map;

/**
 * Normalizes the records of one stream with the stream's context, adding what the source learnt
 * about each record's container (its hints) and the ingest time. Shared by live collection and
 * backfills so both produce identical events (and so identical event ids).
 */
final class RecordNormalizer {
  private final MimecastNormalizer normalizer;
  private final NormalizationContext baseContext;

  RecordNormalizer(MimecastNormalizer normalizer, NormalizationContext baseContext) {
    this.normalizer = normalizer;
    this.baseContext = baseContext;
  }

  NormalizationResult normalize(SourceRecord record, Instant now) {
    Map<String, String> hints = record.hints();
    NormalizationContext.Builder context =
        NormalizationContext.builder(
                baseContext.tenantId(), baseContext.integrationId(), baseContext.dataType())
            .apiVersion(baseContext.apiVersion())
            .internalDomains(baseContext.internalDomains())
            .internalNetworks(baseContext.internalNetworks())
            .ingestTime(now)
            .origin(record.origin());
    if (hints.containsKey(SourceHints.SIEM_FILE_TYPE)) {
      context.siemFileType(hints.get(SourceHints.SIEM_FILE_TYPE));
    }
    if (hints.containsKey(SourceHints.FEED_TYPE)) {
      context.feedType(hints.get(SourceHints.FEED_TYPE));
    }
    String header = hints.get(SourceHints.CSV_HEADER);
    return header == null
        ? normalizer.normalize(record.text(), context.build())
        : normalizer.normalizeCsvRow(header, record.text(), context.build());
  }
}
