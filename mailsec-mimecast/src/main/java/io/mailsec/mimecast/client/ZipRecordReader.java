package io.mailsec.mimecast.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Streams the records of every file inside a ZIP body, entry by entry, without extracting it. The
 * decompressed bytes of all entries together are capped.
 */
final class ZipRecordReader implements RecordReader {
  private final ZipInputStream zip;
  private final InputStream cappedEntries;
  private final Function<String, EntryFormat> formatForEntry;
  private RecordReader current;

  /**
   * @param formatForEntry chooses the format from the entry name (e.g. {@code .log} = key_value)
   */
  ZipRecordReader(
      InputStream body,
      long maxDecompressedBytes,
      String what,
      Function<String, EntryFormat> formatForEntry) {
    this.zip = new ZipInputStream(body, StandardCharsets.UTF_8);
    this.cappedEntries = new CappedInputStream(zip, maxDecompressedBytes, what);
    this.formatForEntry = formatForEntry;
  }

  @Override
  public RawRecord read() throws IOException {
    while (true) {
      if (current == null) {
        ZipEntry entry = zip.getNextEntry();
        if (entry == null) {
          return null;
        }
        if (entry.isDirectory()) {
          continue;
        }
        String name = entry.getName();
        // The reader is abandoned, not closed, at the end of the entry: closing it would close
        // the zip stream that the next entries come from.
        current =
            formatForEntry
                .apply(name)
                .open(name, new InputStreamReader(cappedEntries, StandardCharsets.UTF_8));
      }
      RawRecord record = current.read();
      if (record != null) {
        return record;
      }
      current = null;
    }
  }
}
