package io.mailsec.mimecast.client;

/**
 * A failed Mimecast call, after the client has done what it can (retries, one re-authentication).
 * Subclasses name the failure kinds an operator can act on; this class itself is used for errors
 * that fit none of them.
 *
 * <p>Contract: {@link #getMessage()}, {@link #toString()} and {@link #adviceForAdmin()} never
 * contain a credential value; they may contain Mimecast's own error message and the request path.
 */
public class MimecastApiException extends RuntimeException {
  /** {@link #httpStatus()} when no HTTP response was received (network error, bad payload). */
  public static final int NO_HTTP_STATUS = 0;

  private final String code;
  private final int httpStatus;
  private final boolean retryable;
  private final String adviceForAdmin;

  public MimecastApiException(
      String code,
      int httpStatus,
      boolean retryable,
      String message,
      String adviceForAdmin,
      Throwable cause) {
    super(message, cause);
    this.code = code == null ? "unknown" : code;
    this.httpStatus = httpStatus;
    this.retryable = retryable;
    this.adviceForAdmin = adviceForAdmin;
  }

  /** Mimecast's error code (e.g. {@code err_xdk_binding_expired}) or a client code. */
  public String code() {
    return code;
  }

  /** The HTTP status of the failing response, or {@link #NO_HTTP_STATUS}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the same call may succeed later without anyone changing configuration. */
  public boolean retryable() {
    return retryable;
  }

  /** What an administrator should do, in the words of the Mimecast admin console. */
  public String adviceForAdmin() {
    return adviceForAdmin;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[code="
        + code
        + ", http="
        + httpStatus
        + ", retryable="
        + retryable
        + "]: "
        + getMessage();
  }
}
