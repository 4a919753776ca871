package io.mailsec.mimecast.client;

import java.io.IOException;
import java.io.Reader;

/** JSON records of one file, via {@link JsonRecordSplitter}. */
final class JsonRecordReader implements RecordReader {
  private final JsonRecordSplitter splitter;
  private final String origin;
  private long ordinal;

  JsonRecordReader(Reader reader, String origin, String wrapperKey, int maxRecordChars) {
    this.splitter = new JsonRecordSplitter(reader, wrapperKey, maxRecordChars);
    this.origin = origin;
  }

  @Override
  public RawRecord read() throws IOException {
    String text = splitter.next();
    return text == null ? null : RawRecord.json(origin, ++ordinal, text);
  }
}
