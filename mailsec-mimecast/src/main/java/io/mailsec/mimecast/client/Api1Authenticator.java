package io.mailsec.mimecast.client;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.UUID;

/** Signs each request with the API 1.0 HMAC headers (a fresh date and request id every time). */
final class Api1Authenticator implements Authenticator {
  private final Api1Credentials credentials;
  private final Clock clock;

  Api1Authenticator(Api1Credentials credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public void authenticate(HttpRequest.Builder request, String path) {
    String date = ApiDates.header(clock.instant());
    String requestId = UUID.randomUUID().toString();
    String signature =
        HmacSigner.signature(date, requestId, path, credentials.appKey(), credentials.secretKey());
    request
        .setHeader("Authorization", "MC " + credentials.accessKey() + ":" + signature)
        .setHeader("x-mc-app-id", credentials.appId())
        .setHeader("x-mc-date", date)
        .setHeader("x-mc-req-id", requestId);
  }

  @Override
  public boolean renewAfterUnauthorized() {
    return false;
  }

  @Override
  public boolean api2() {
    return false;
  }
}
