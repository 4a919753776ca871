package io.mailsec.mimecast.client;

/** Mimecast rejected the request parameters (HTTP 400, {@code err_validation_*}). */
public final class ValidationException extends MimecastApiException {
  private final String field;

  public ValidationException(String code, int httpStatus, String message, String field) {
    super(
        code,
        httpStatus,
        false,
        message,
        "Mimecast rejected the request"
            + (field == null ? "" : " (field '" + field + "')")
            + ". Check the integration's settings, e.g. a look-back longer than Mimecast keeps the"
            + " data (SIEM 7 days, SIEM stream 24 hours, audit 60 days); otherwise report it as a"
            + " mailsec bug.",
        null);
    this.field = field;
  }

  /** The request field Mimecast named, or null. */
  public String field() {
    return field;
  }
}
