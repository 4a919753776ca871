package io.mailsec.mimecast.client;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens downloaded files as record streams. The container is recognised by its first bytes (ZIP,
 * gzip, or plain text) rather than trusted from the request, and every decompressed byte counts
 * against {@link PayloadLimits#maxDecompressedBytes()}.
 */
final class Payloads {
  private static final int BUFFER_BYTES = 64 * 1024;

  private Payloads() {}

  /**
   * A reader over the body.
   *
   * @param origin the file name used for records of an uncompressed or gzip body
   * @param formatForEntry the format of a file with the given name
   */
  static RecordReader open(
      InputStream body,
      String origin,
      Function<String, EntryFormat> formatForEntry,
      PayloadLimits limits,
      String what)
      throws IOException {
    BufferedInputStream in = new BufferedInputStream(body, BUFFER_BYTES);
    in.mark(4);
    byte[] head = in.readNBytes(2);
    in.reset();
    if (head.length == 0) {
      return () -> null;
    }
    long cap = limits.maxDecompressedBytes();
    if (head.length == 2 && head[0] == 'P' && head[1] == 'K') {
      return new ZipRecordReader(in, cap, what, formatForEntry);
    }
    InputStream text =
        head.length == 2 && head[0] == (byte) 0x1f && head[1] == (byte) 0x8b
            ? new CappedInputStream(new GZIPInputStream(in, BUFFER_BYTES), cap, what)
            : new CappedInputStream(in, cap, what);
    return formatForEntry
        .apply(origin)
        .open(origin, new InputStreamReader(text, StandardCharsets.UTF_8));
  }

  /** The typed failure for an I/O error while reading a response body. */
  static MimecastApiException bodyFailure(IOException e, String what) {
    if (e instanceof HttpTimeoutException) {
      return new ServiceUnavailableException(
          "timeout", MimecastApiException.NO_HTTP_STATUS, what + ": " + e.getMessage(), e);
    }
    if (e instanceof EOFException || e instanceof ZipException) {
      return new PayloadException(
          PayloadException.TRUNCATED,
          what
              + " is truncated or corrupt ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
    return new PayloadException(
        PayloadException.TRUNCATED,
        what + " broke off (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
        e);
  }

  /** {@code filename} of a {@code Content-Disposition} header, or null. */
  static String fileName(String contentDisposition) {
    if (contentDisposition == null) {
      return null;
    }
    for (String part : contentDisposition.split(";")) {
      String trimmed = part.trim();
      if (trimmed.regionMatches(true, 0, "filename=", 0, 9)) {
        String name = trimmed.substring(9).trim();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1);
        }
        return name.isEmpty() ? null : name;
      }
    }
    return null;
  }
}
