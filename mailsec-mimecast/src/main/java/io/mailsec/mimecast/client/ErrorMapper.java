package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns Mimecast's error answers into the typed exceptions. Mimecast's error code wins over the
 * HTTP status because API 1.0 reports most failures inside HTTP 200 responses.
 */
final class ErrorMapper {
  private static final int MAX_MESSAGE_CHARS = 500;
  private static final Set<String> CREDENTIAL_CODES =
      Set.of(
          "invalidclientidentifier",
          "invalid_client",
          "unauthorized_client",
          "invalid_grant",
          "err_developer_key",
          "token_expired",
          "invalid_token",
          "unauthorized");

  private ErrorMapper() {}

  /**
   * The exception for a non-success answer.
   *
   * @param status the HTTP status, or the envelope's {@code meta.status} for an HTTP 200
   * @param errors the error items found in the body (may be empty)
   * @param retryAfter Mimecast's wait hint for 429, or null
   */
  static MimecastApiException map(
      int status,
      List<ApiError> errors,
      Endpoint endpoint,
      boolean api2,
      String baseUrl,
      Duration retryAfter) {
    String message = describe(status, errors, endpoint);
    for (ApiError error : errors) {
      MimecastApiException byCode = byCode(status, error, message, endpoint, api2, baseUrl);
      if (byCode != null) {
        return byCode;
      }
    }
    ApiError first = errors.isEmpty() ? null : errors.get(0);
    String code = first != null && first.code() != null ? first.code() : "http_" + status;
    boolean download = endpoint.kind() == Endpoint.Kind.DOWNLOAD;
    if (download && (status == 401 || status == 403 || status == 404 || status == 410)) {
      return new ExpiredDownloadUrlException(status, message);
    }
    if (status == 418) {
      return new BindingExpiredException(code, status, message);
    }
    if (endpoint.kind() == Endpoint.Kind.TOKEN && (status == 400 || status == 401)) {
      return new InvalidCredentialsException(code, status, message, true);
    }
    if (endpoint.kind() == Endpoint.Kind.LOGIN && (status == 401 || status == 403)) {
      return InvalidCredentialsException.login(code, status, message);
    }
    if (status == 401) {
      return new InvalidCredentialsException(code, status, message, api2);
    }
    if (status == 403) {
      return notLicensed(errors)
          ? new NotLicensedException(code, status, message, endpoint.dataType())
          : new PermissionDeniedException(code, status, message, endpoint.dataType(), api2);
    }
    if (status == 400 || status == 422) {
      return new ValidationException(code, status, message, first == null ? null : first.field());
    }
    if (status == 429) {
      return new RateLimitedException(message, retryAfter);
    }
    if (status == 408 || status >= 500) {
      return new ServiceUnavailableException(code, status, message, null);
    }
    if (status == 404) {
      return new MimecastApiException(
          code,
          status,
          false,
          message,
          "Mimecast does not know this endpoint at "
              + baseUrl
              + ". Check the integration's region or base URL and its API version (1.0 hosts end"
              + " in mimecast.com, 2.0 gateways in services.mimecast.com).",
          null);
    }
    boolean retryable = first != null && Boolean.TRUE.equals(first.retryable());
    return new MimecastApiException(
        code,
        status,
        retryable,
        message,
        "Mimecast reported an error this version of mailsec does not recognise; see the message."
            + " If it names a setting, correct it; otherwise report it.",
        null);
  }

  private static MimecastApiException byCode(
      int status, ApiError error, String message, Endpoint endpoint, boolean api2, String baseUrl) {
    if (error.code() == null) {
      return null;
    }
    String code = error.code();
    String lower = code.toLowerCase(Locale.ROOT);
    if (lower.equals("err_xdk_binding_expired")) {
      return new BindingExpiredException(code, status, message);
    }
    if (lower.equals("err_audit_log_incorrect_region")) {
      return new WrongRegionException(code, status, message, baseUrl);
    }
    if (lower.equals("err_audit_siem_invalid_token")) {
      return new InvalidSiemTokenException(code, status, message);
    }
    if (CREDENTIAL_CODES.contains(lower)) {
      return new InvalidCredentialsException(
          code, status, message, api2 || endpoint.kind() == Endpoint.Kind.TOKEN);
    }
    if (notLicensed(List.of(error))) {
      return new NotLicensedException(code, status, message, endpoint.dataType());
    }
    if (lower.equals("app_forbidden") || lower.equals("forbidden")) {
      return new PermissionDeniedException(code, status, message, endpoint.dataType(), api2);
    }
    if (lower.startsWith("err_validation")) {
      return new ValidationException(code, status, message, error.field());
    }
    return null;
  }

  private static boolean notLicensed(List<ApiError> errors) {
    for (ApiError error : errors) {
      String text =
          ((error.code() == null ? "" : error.code())
                  + " "
                  + (error.message() == null ? "" : error.message()))
              .toLowerCase(Locale.ROOT);
      if (text.contains("licen")
          || text.contains("not enabled")
          || text.contains("not_enabled")
          || text.contains("not entitled")
          || text.contains("feature_disabled")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Errors reported inside a parsed 2xx body: {@code fail[]}, {@code error}, {@code meta.status}.
   */
  static MimecastApiException fromEnvelope(
      JsonNode root, Endpoint endpoint, boolean api2, String baseUrl) {
    List<ApiError> errors = ApiError.from(root);
    int metaStatus = root.path("meta").path("status").asInt(200);
    if (errors.isEmpty() && (metaStatus == 200 || metaStatus == 0)) {
      return null;
    }
    return map(metaStatus, errors, endpoint, api2, baseUrl, null);
  }

  private static String describe(int status, List<ApiError> errors, Endpoint endpoint) {
    StringBuilder text =
        new StringBuilder(endpoint.path()).append(" failed (status ").append(status).append(')');
    for (ApiError error : errors) {
      text.append("; ");
      if (error.code() != null) {
        text.append(error.code());
      }
      if (error.field() != null) {
        text.append(" [field ").append(error.field()).append(']');
      }
      if (error.message() != null) {
        text.append(error.code() == null ? "" : ": ").append(error.message());
      }
      if (text.length() > MAX_MESSAGE_CHARS) {
        text.setLength(MAX_MESSAGE_CHARS);
        text.append("...");
        break;
      }
    }
    return text.toString();
  }
}
