package io.mailsec.mimecast.client;

/** API 1.0 keys used against another region's host ({@code err_audit_log_incorrect_region}). */
public final class WrongRegionException extends MimecastApiException {

  public WrongRegionException(String code, int httpStatus, String message, String baseUrl) {
    super(
        code,
        httpStatus,
        false,
        message,
        "The keys belong to a Mimecast account hosted in another region than "
            + baseUrl
            + ". Set the integration's region (or base URL) to the account's region; the"
            + " discover-authentication call returns the right host for a user's email address.",
        null);
  }
}
