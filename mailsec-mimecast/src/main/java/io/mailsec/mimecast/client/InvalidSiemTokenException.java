package io.mailsec.mimecast.client;

/** The saved SIEM 1.0 continuation token was rejected ({@code err_audit_siem_invalid_token}). */
public final class InvalidSiemTokenException extends MimecastApiException {

  public InvalidSiemTokenException(String code, int httpStatus, String message) {
    super(
        code,
        httpStatus,
        false,
        message,
        "The SIEM checkpoint of this integration is no longer valid (files are kept 7 days, or the"
            + " token belongs to another account). Reset the SIEM checkpoint; collection restarts"
            + " from the oldest file Mimecast still has, and the interval in between is recorded"
            + " as a gap.",
        null);
  }
}
