package io.mailsec.mimecast.source;

import io.mailsec.mimecast.client.MimecastApiException;
import io.mailsec.mimecast.client.RawRecord;
import io.mailsec.mimecast.client.RecordStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A downloaded file being read in slices. A source keeps it open between polls so that the next
 * slice of a large file continues the same download; when the runner polls with a checkpoint that
 * does not continue it (after a crash, a retry, another instance), the source opens the file again
 * and skips the records already delivered. Not thread-safe.
 */
final class OpenRecords implements AutoCloseable {
  /**
   * One slice of the file.
   *
   * @param records the records read, in file order
   * @param endOfFile true when the file has no record after these
   * @param failure why reading stopped early, or null; the records before it are valid
   */
  record Slice(List<RawRecord> records, boolean endOfFile, MimecastApiException failure) {}

  private final String identity;
  private final RecordStream stream;
  private long position;
  private boolean broken;

  /**
   * @param identity what distinguishes this download from others of the same source (token, file
   *     name...); {@link #continues} compares it
   */
  OpenRecords(String identity, RecordStream stream) {
    this.identity = identity;
    this.stream = stream;
  }

  /** Whether reading on from here delivers the records after {@code position} of that download. */
  boolean continues(String otherIdentity, long otherPosition) {
    return !broken && identity.equals(otherIdentity) && position == otherPosition;
  }

  /** Records consumed from the start of the file (skipped or returned). */
  long position() {
    return position;
  }

  /**
   * Reads up to {@code limit} records starting after record number {@code from} of the file
   * (skipping forward when this download is behind). A failure while reading ends the slice and
   * makes this download unusable; the records read before it are returned with it.
   */
  Slice read(long from, int limit) {
    List<RawRecord> records = new ArrayList<>();
    try {
      while (position < from && stream.hasNext()) {
        stream.next();
        position++;
      }
      if (position < from) {
        return new Slice(records, true, null);
      }
      while (records.size() < limit && stream.hasNext()) {
        records.add(stream.next());
        position++;
      }
      return new Slice(records, !stream.hasNext(), null);
    } catch (MimecastApiException e) {
      broken = true;
      close();
      return new Slice(records, false, e);
    }
  }

  @Override
  public void close() {
    stream.close();
  }
}
