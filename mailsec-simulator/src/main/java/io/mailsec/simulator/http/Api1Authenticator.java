package io.mailsec.simulator.http;

import io.mailsec.simulator.FaultType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Verifies API 1.0 signed requests (mimecast-api.md §1.2-1.3): {@code x-mc-app-id} must be the
 * simulator's application, {@code Authorization: MC accessKey:signature} must name a known binding
 * and carry base64 HMAC-SHA1 over {@code x-mc-date:x-mc-req-id:path:appKey} keyed with the decoded
 * secret key, and {@code x-mc-date} ({@code UTC} or {@code GMT}) must be within the skew tolerance.
 * A correctly signed call with an expired binding gets 418 {@code err_xdk_binding_expired}.
 *
 * <p>The error codes for 401s other than {@code err_developer_key} are the simulator's own (the
 * real ones are undocumented); clients should act on the HTTP status.
 */
final class Api1Authenticator {

  private final String appId;
  private final String appKey;
  private final Bindings bindings;
  private final Duration skewTolerance;
  private final FaultSwitch faults;

  Api1Authenticator(
      String appId, String appKey, Bindings bindings, Duration skewTolerance, FaultSwitch faults) {
    this.appId = appId;
    this.appKey = appKey;
    this.bindings = bindings;
    this.skewTolerance = skewTolerance;
    this.faults = faults;
  }

  /** The access key named by an {@code MC} authorization header, or {@code null}. */
  static String accessKeyOf(String authorization) {
    if (authorization == null || !authorization.startsWith("MC ")) {
      return null;
    }
    int colon = authorization.lastIndexOf(':');
    return colon <= 3 ? null : authorization.substring(3, colon).trim();
  }

  AuthOutcome verify(SimRequest request, Instant now) {
    String requestAppId = request.header("x-mc-app-id");
    if (requestAppId == null || !requestAppId.trim().equals(appId)) {
      return deny("err_developer_key", "The application id (x-mc-app-id) is missing or unknown");
    }
    String authorization = request.header("authorization");
    String accessKey = accessKeyOf(authorization);
    if (accessKey == null) {
      return deny(
          "err_xdk_authorization_missing",
          "Authorization header missing or not in the form 'MC accessKey:signature'");
    }
    Bindings.Binding binding = bindings.find(accessKey);
    if (binding == null) {
      return deny("err_xdk_access_key_invalid", "Unknown access key");
    }
    String date = request.header("x-mc-date");
    Optional<Instant> signedAt = RequestDates.parseHeaderDate(date);
    if (signedAt.isEmpty()) {
      return deny(
          "err_xdk_request_date_invalid",
          "x-mc-date missing or not in the form 'EEE, dd MMM yyyy HH:mm:ss UTC'");
    }
    if (Duration.between(signedAt.get(), now).abs().compareTo(skewTolerance) > 0) {
      return deny("err_xdk_request_date_invalid", "x-mc-date is too far from the server clock");
    }
    String requestId = request.header("x-mc-req-id");
    if (requestId == null || requestId.isBlank()) {
      return deny("err_xdk_request_id_missing", "x-mc-req-id is missing");
    }
    String presented = authorization.substring(authorization.lastIndexOf(':') + 1).trim();
    String expected =
        Crypto.api1Signature(
            binding.secretKey,
            date.trim() + ":" + requestId.trim() + ":" + request.path() + ":" + appKey);
    if (!Crypto.constantTimeEquals(presented, expected)) {
      return deny("err_xdk_signature_invalid", "The request signature does not match");
    }
    if (!binding.expired() && faults.fire(FaultType.EXPIRE_BINDING, request.path())) {
      binding.expire();
    }
    if (binding.expired()) {
      return AuthOutcome.denied(
          SimResponse.json(
              418,
              Envelopes.fail(
                  418,
                  "err_xdk_binding_expired",
                  "The access key binding has expired; log in again to refresh it",
                  null,
                  false,
                  null)));
    }
    return AuthOutcome.allowed(new Caller(1, binding.user));
  }

  private static AuthOutcome deny(String code, String message) {
    return AuthOutcome.denied(
        SimResponse.json(401, Envelopes.fail(401, code, message, null, false, null)));
  }
}
