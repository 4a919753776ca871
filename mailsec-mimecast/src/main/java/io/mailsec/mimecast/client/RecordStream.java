package io.mailsec.mimecast.client;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Records read lazily from an open response body, one at a time: the heap holds one record, not the
 * file. Not thread-safe. Close it when done (it closes itself at the end and on failure).
 *
 * <p>{@link #hasNext()} and {@link #next()} throw {@link MimecastApiException}s: {@link
 * PayloadException} for truncated or oversized payloads, {@link ServiceUnavailableException} when
 * the body stalls. Records returned before the failure are valid.
 */
public final class RecordStream implements Iterator<RawRecord>, Closeable {
  private final RecordReader reader;
  private final Closeable resource;
  private final String what;
  private RawRecord next;
  private boolean done;

  RecordStream(RecordReader reader, Closeable resource, String what) {
    this.reader = reader;
    this.resource = resource;
    this.what = what;
  }

  /** A stream without records. */
  static RecordStream empty() {
    return new RecordStream(() -> null, () -> {}, "empty");
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done) {
      return false;
    }
    try {
      next = reader.read();
    } catch (IOException e) {
      close();
      throw Payloads.bodyFailure(e, what);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (next == null) {
      close();
    }
    return next != null;
  }

  @Override
  public RawRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RawRecord record = next;
    next = null;
    return record;
  }

  /** The remaining records as a sequential stream that closes this one. */
  public Stream<RawRecord> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  @Override
  public void close() {
    done = true;
    try {
      resource.close();
    } catch (IOException e) {
      // Releasing the connection failed; the records already read are unaffected.
    }
  }
}
