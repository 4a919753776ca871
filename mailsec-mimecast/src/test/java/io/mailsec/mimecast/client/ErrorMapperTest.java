package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
  private static final String BASE = "https://eu-api.mimecast.com";

  private static MimecastApiException map(
      int status, String body, Endpoint endpoint, boolean api2) {
    return ErrorMapper.map(
        status, ApiError.from(Json.treeOrNull(body)), endpoint, api2, BASE, null);
  }

  private static MimecastApiException envelope(String body, Endpoint endpoint) {
    return ErrorMapper.fromEnvelope(Json.tree(body, "test"), endpoint, false, BASE);
  }

  @Test
  void readsApi1FailInsideHttp200() {
    MimecastApiException e =
        envelope(
            """
            {"meta":{"status":200},"data":[],"fail":[{"key":{"from":null},
             "errors":[{"code":"err_validation_null","field":"from",
                        "message":"must not be null","retryable":false}]}]}""",
            Endpoint.TTP_URL);

    assertThat(e).isInstanceOf(ValidationException.class);
    assertThat(((ValidationException) e).field()).isEqualTo("from");
    assertThat(e.code()).isEqualTo("err_validation_null");
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("/api/ttp/url/get-logs", "must not be null");
  }

  @Test
  void aCleanEnvelopeIsNoError() {
    assertThat(
            envelope("{\"meta\":{\"status\":200},\"data\":[],\"fail\":[]}", Endpoint.AUDIT_EVENTS))
        .isNull();
  }

  @Test
  void metaStatusAloneIsAnError() {
    MimecastApiException e =
        envelope("{\"meta\":{\"status\":500},\"data\":[],\"fail\":[]}", Endpoint.AUDIT_EVENTS);

    assertThat(e).isInstanceOf(ServiceUnavailableException.class);
    assertThat(e.httpStatus()).isEqualTo(500);
  }

  @Test
  void bindingExpiredByCodeOrBy418SaysNeverExpire() {
    MimecastApiException byCode =
        envelope(
            "{\"fail\":[{\"errors\":[{\"code\":\"err_xdk_binding_expired\",\"message\":\"x\"}]}]}",
            Endpoint.SIEM_LOGS);
    MimecastApiException byStatus = map(418, "", Endpoint.TTP_URL, false);

    assertThat(byCode).isInstanceOf(BindingExpiredException.class);
    assertThat(byStatus).isInstanceOf(BindingExpiredException.class);
    assertThat(byCode.adviceForAdmin())
        .contains("Authentication Cache TTL")
        .contains("Never Expire")
        .contains("create new keys");
  }

  @Test
  void wrongRegionNamesTheHostUsed() {
    MimecastApiException e =
        map(
            403,
            "{\"fail\":[{\"errors\":[{\"code\":\"err_audit_log_incorrect_region\"}]}]}",
            Endpoint.AUDIT_EVENTS,
            false);

    assertThat(e).isInstanceOf(WrongRegionException.class);
    assertThat(e.adviceForAdmin()).contains(BASE).contains("region");
  }

  @Test
  void gatewayForbiddenNamesThePermissionOfTheDataType() {
    String body =
        "{\"fail\":[{\"code\":\"app_forbidden\",\"message\":\"Forbidden to perform the requested operation\"}]}";

    MimecastApiException siem2 = map(403, body, Endpoint.SIEM_BATCH, true);
    MimecastApiException siem1 = map(403, "", Endpoint.SIEM_LOGS, false);
    MimecastApiException url = map(403, body, Endpoint.TTP_URL, true);

    assertThat(siem2).isInstanceOf(PermissionDeniedException.class);
    assertThat(siem2.adviceForAdmin())
        .contains("Threat and Security Events (SIEM) | Read")
        .contains("API 2.0");
    assertThat(siem1.adviceForAdmin()).contains("Gateway | Tracking | Read");
    assertThat(url.adviceForAdmin()).contains("URL Protection");
    assertThat(((PermissionDeniedException) url).dataType()).isEqualTo(DataType.TTP_URL);
  }

  @Test
  void badClientCredentialsAreCredentialErrors() {
    MimecastApiException token =
        map(
            401,
            "{\"fail\":[{\"code\":\"InvalidClientIdentifier\",\"message\":\"Client credentials are invalid\"}]}",
            Endpoint.TOKEN,
            true);
    MimecastApiException developerKey =
        envelope("{\"fail\":[{\"errors\":[{\"code\":\"err_developer_key\"}]}]}", Endpoint.TTP_URL);

    assertThat(token).isInstanceOf(InvalidCredentialsException.class);
    assertThat(token.adviceForAdmin()).contains("Client ID").contains("Client Secret");
    assertThat(developerKey).isInstanceOf(InvalidCredentialsException.class);
    assertThat(developerKey.adviceForAdmin()).contains("Application ID");
  }

  @Test
  void siemV1ErrorObjectIsRead() {
    MimecastApiException e =
        map(
            400,
            "{\"error\":{\"code\":\"invalid_date_range\",\"message\":\"start older than 24 hours\"}}",
            Endpoint.SIEM_STREAM,
            true);

    assertThat(e).isInstanceOf(ValidationException.class);
    assertThat(e.code()).isEqualTo("invalid_date_range");
    assertThat(e.getMessage()).contains("start older than 24 hours");
  }

  @Test
  void invalidSiemTokenAsksToResetTheCheckpoint() {
    MimecastApiException e =
        envelope(
            "{\"fail\":[{\"errors\":[{\"code\":\"err_audit_siem_invalid_token\"}]}]}",
            Endpoint.SIEM_LOGS);

    assertThat(e).isInstanceOf(InvalidSiemTokenException.class);
    assertThat(e.adviceForAdmin()).contains("Reset the SIEM checkpoint");
  }

  @Test
  void notLicensedIsToldApartFromMissingPermission() {
    MimecastApiException e =
        map(
            403,
            "{\"fail\":[{\"code\":\"feature_not_enabled\",\"message\":\"Threat Intel is not enabled for this account\"}]}",
            Endpoint.THREAT_FEED,
            true);

    assertThat(e).isInstanceOf(NotLicensedException.class);
    assertThat(e.adviceForAdmin()).contains("Threat Intel");
  }

  @Test
  void rateLimitCarriesTheWaitHint() {
    MimecastApiException e =
        ErrorMapper.map(429, List.of(), Endpoint.TTP_URL, false, BASE, Duration.ofMillis(1500));

    assertThat(e).isInstanceOf(RateLimitedException.class);
    assertThat(e.retryable()).isTrue();
    assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void expiredDownloadUrlLetsTheCallerReList() {
    MimecastApiException e = map(403, "<Error>AccessDenied</Error>", Endpoint.SIEM_DOWNLOAD, true);

    assertThat(e).isInstanceOf(ExpiredDownloadUrlException.class);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void unknownCodesKeepMimecastsRetryableFlag() {
    MimecastApiException e =
        envelope(
            "{\"fail\":[{\"errors\":[{\"code\":\"err_something_new\",\"retryable\":true}]}]}",
            Endpoint.TTP_URL);

    assertThat(e.getClass()).isEqualTo(MimecastApiException.class);
    assertThat(e.retryable()).isTrue();
    assertThat(e.toString()).contains("err_something_new");
  }

  @Test
  void loginRejectionTalksAboutThePassword() {
    MimecastApiException e = map(401, "", Endpoint.LOGIN, false);

    assertThat(e).isInstanceOf(InvalidCredentialsException.class);
    assertThat(e.adviceForAdmin()).contains("password");
  }
}
