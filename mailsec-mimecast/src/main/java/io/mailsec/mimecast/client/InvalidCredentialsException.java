package io.mailsec.mimecast.client;

/** Mimecast rejected the credentials themselves (HTTP 401, bad signature, unknown client). */
public final class InvalidCredentialsException extends MimecastApiException {

  public InvalidCredentialsException(String code, int httpStatus, String message, boolean api2) {
    super(code, httpStatus, false, message, advice(api2), null);
  }

  /** A rejected API 1.0 login: the user's password, not the keys, is wrong. */
  static InvalidCredentialsException login(String code, int httpStatus, String message) {
    return new InvalidCredentialsException(
        code,
        httpStatus,
        message,
        "Mimecast rejected the user name or password of the login. Check the email address, the"
            + " password and whether it is the Mimecast cloud password or the directory (AD)"
            + " password.");
  }

  private InvalidCredentialsException(String code, int httpStatus, String message, String advice) {
    super(code, httpStatus, false, message, advice, null);
  }

  private static String advice(boolean api2) {
    return api2
        ? "Check the Client ID and Client Secret of this integration (Administration | Services |"
            + " API and Platform Integrations | Mimecast API 2.0). The secret may have been"
            + " regenerated or the API application disabled; generate new keys if unsure."
        : "Check the Application ID, Application Key, Access Key and Secret Key of this integration"
            + " (Administration | Services | API and Platform Integrations). Signed requests also"
            + " fail when the collector's clock is wrong: check that the host syncs time (NTP).";
  }
}
