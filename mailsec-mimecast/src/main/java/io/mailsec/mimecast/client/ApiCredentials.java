package io.mailsec.mimecast.client;

/**
 * The credentials of one Mimecast integration. The type decides the API version: {@link
 * Api1Credentials} sign every request with HMAC (API 1.0), {@link Api2Credentials} obtain OAuth2
 * bearer tokens from the API 2.0 gateway.
 *
 * <p>{@link #budgetKey()} identifies the Mimecast quota the credential draws from; every client
 * that uses the same key shares one {@link RateBudget}.
 */
public sealed interface ApiCredentials permits Api1Credentials, Api2Credentials {

  /** A stable, non-secret key of the rate budget: the 1.0 access key or the 2.0 client id. */
  String budgetKey();
}
