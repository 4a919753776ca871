package io.mailsec.mimecast.client;

/**
 * The API 1.0 access key / secret key binding has lapsed (HTTP 418 or {@code
 * err_xdk_binding_expired}). The client never stores a password, so it cannot refresh the binding
 * by itself; {@link LoginApi#login} can, when an operator supplies the password once.
 */
public final class BindingExpiredException extends MimecastApiException {
  static final String ADVICE =
      "The API 1.0 access key and secret key of this integration have expired. In the Mimecast"
          + " Administration Console set the Authentication Cache TTL of the user's authentication"
          + " profile to Never Expire, then create new keys (Administration | Services | API and"
          + " Platform Integrations) and update the integration.";

  public BindingExpiredException(String code, int httpStatus, String message) {
    super(code, httpStatus, false, message, ADVICE, null);
  }
}
