package io.mailsec.mimecast.source;

import io.mailsec.mimecast.client.ExpiredDownloadUrlException;
import io.mailsec.mimecast.client.MimecastApiException;
import io.mailsec.mimecast.client.PayloadException;
import io.mailsec.mimecast.client.ServiceUnavailableException;

/**
 * How the file-based sources react when reading a file fails after the client's own retries. The
 * rule behind it: retry what a new download can fix, write off (as a gap) what it cannot, and never
 * write off a file only because the network is down.
 */
final class FileFailures {
  /** Attempts per file (the first download included) before it becomes a gap. */
  static final int MAX_FILE_ATTEMPTS = 3;

  enum Reaction {
    /** Download the file again (fresh link) and skip the records already delivered. */
    RETRY,
    /** The file cannot be read as served (too large, not understood): record a gap, move on. */
    GAP,
    /**
     * Mimecast or the network is unavailable: end the batch with what was read (or throw when
     * nothing was), so the runner tries the same position again later.
     */
    INTERRUPT,
    /** Something an administrator must fix: propagate. */
    PROPAGATE
  }

  private FileFailures() {}

  static Reaction classify(MimecastApiException failure) {
    if (failure instanceof ExpiredDownloadUrlException) {
      return Reaction.RETRY;
    }
    if (failure instanceof PayloadException) {
      return failure.retryable() ? Reaction.RETRY : Reaction.GAP;
    }
    if (failure instanceof ServiceUnavailableException) {
      return Reaction.INTERRUPT;
    }
    return Reaction.PROPAGATE;
  }

  /** The gap reason for a file given up on. */
  static String gapReason(String what, MimecastApiException failure, int attempts, long kept) {
    return what
        + " could not be read completely after "
        + attempts
        + (attempts == 1 ? " attempt" : " attempts")
        + " ("
        + failure.code()
        + ": "
        + failure.getMessage()
        + "); "
        + kept
        + " records before the failure were kept";
  }
}
