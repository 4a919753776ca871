package io.mailsec.mimecast.client;

import java.io.Reader;

/** How the decompressed text of one file (or zip entry) becomes records. */
@FunctionalInterface
interface EntryFormat {

  RecordReader open(String origin, Reader text);

  /** JSON records; {@code wrapperKey} names the record array, null for NDJSON. */
  static EntryFormat json(String wrapperKey, int maxRecordChars) {
    return (origin, text) -> new JsonRecordReader(text, origin, wrapperKey, maxRecordChars);
  }

  /** One record per line ({@link RecordFormat#KEY_VALUE} or {@link RecordFormat#CSV}). */
  static EntryFormat lines(RecordFormat format, int maxRecordChars) {
    return (origin, text) -> new LineRecordReader(text, origin, format, maxRecordChars);
  }
}
