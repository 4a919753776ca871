package io.mailsec.mimecast.source;

import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects the records and gaps of one poll, bounded by the batch size. */
final class BatchBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(BatchBuilder.class);

  private final int maxRecords;
  private final List<SourceRecord> records = new ArrayList<>();
  private final List<Gap> gaps = new ArrayList<>();
  private long bytes;

  BatchBuilder(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  void add(SourceRecord record) {
    records.add(record);
    bytes += utf8Length(record.text()) + 1;
  }

  void gap(Gap gap) {
    LOG.warn("{}: recording a gap: {}", gap.stream(), gap.reason());
    gaps.add(gap);
  }

  int size() {
    return records.size();
  }

  /** How many more records fit. */
  int room() {
    return Math.max(0, maxRecords - records.size());
  }

  boolean isFull() {
    return records.size() >= maxRecords;
  }

  /**
   * The batch. {@code bytes} counts the records' UTF-8 text plus one separator each, i.e. the
   * decompressed payload delivered, which is what ingest statistics compare across data types.
   */
  SourceBatch build(Checkpoint next, boolean caughtUp) {
    return new SourceBatch(records, next, gaps, caughtUp, bytes);
  }

  static long utf8Length(String text) {
    long length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}
