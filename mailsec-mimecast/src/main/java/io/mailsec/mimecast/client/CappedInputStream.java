package io.mailsec.mimecast.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes and fails once more than the cap have been read: the decompression-bomb guard for
 * gzip/zip payloads and the size guard for JSON pages. The failure is a {@link PayloadException}
 * (unchecked) so it passes through the JDK's decompressing streams untouched.
 */
final class CappedInputStream extends FilterInputStream {
  private final long cap;
  private final String what;
  private long count;

  CappedInputStream(InputStream in, long cap, String what) {
    super(in);
    this.cap = cap;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    add(skipped);
    return skipped;
  }

  private void add(long n) {
    count += n;
    if (count > cap) {
      throw new PayloadException(
          PayloadException.TOO_LARGE, what + " exceeds the limit of " + cap + " bytes", null);
    }
  }

  /**
   * Always 0. Inflater streams report 1 until their end, which makes an InputStreamReader block for
   * more input before handing out a record it has already decoded; with 0 it returns what it has,
   * so records stream as soon as their bytes arrive.
   */
  @Override
  public int available() {
    return 0;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
