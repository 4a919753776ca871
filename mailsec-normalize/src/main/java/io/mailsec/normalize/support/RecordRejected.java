package io.mailsec.normalize.support;

/**
 * Thrown inside normalizers when a record cannot be normalized; the facade turns it into a
 * quarantined record whose reason is this exception's message. Never escapes the module's API.
 */
public final class RecordRejected extends RuntimeException {
  public RecordRejected(String reason) {
    super(reason, null, false, false);
  }
}
