package io.mailsec.mimecast.client;

/**
 * Memory and size guards. Large payloads (SIEM files, batch files, feed files) are streamed, so the
 * heap holds at most one record at a time; these limits bound that record, the decompressed size of
 * one file (decompression-bomb guard) and the JSON pages that are read whole.
 *
 * @param maxRecordChars longest single record (line, JSON object, CSV row) in characters
 * @param maxDecompressedBytes most bytes one downloaded file may expand to
 * @param maxPageBytes largest JSON page response (TTP, audit, SIEM stream, listings) in bytes
 */
public record PayloadLimits(int maxRecordChars, long maxDecompressedBytes, int maxPageBytes) {

  public PayloadLimits {
    if (maxRecordChars < 1024 || maxDecompressedBytes < 1024 || maxPageBytes < 1024) {
      throw new IllegalArgumentException("payload limits below 1 KiB make no sense");
    }
  }

  /** 4 MiB records, 4 GiB per decompressed file, 64 MiB per JSON page. */
  public static PayloadLimits defaults() {
    return new PayloadLimits(4 << 20, 4L << 30, 64 << 20);
  }
}
