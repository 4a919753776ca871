package io.mailsec.core.store;

/**
 * The store could not do what was asked because of its storage (I/O error, full disk, data
 * directory in use or corrupt), not because of the request. For {@link EventStore#commit} it means
 * the batch is not stored: the stream must resume from {@link EventStore#checkpoint}.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
