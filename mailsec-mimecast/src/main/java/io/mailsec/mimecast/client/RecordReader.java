package io.mailsec.mimecast.client;

import java.io.IOException;

/** Reads records one at a time from an open payload. */
@FunctionalInterface
interface RecordReader {

  /** The next record, or null when the payload is exhausted. */
  RawRecord read() throws IOException;
}
