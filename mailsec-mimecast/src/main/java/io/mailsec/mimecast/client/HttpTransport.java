package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical call with the retry, rate-budget and re-authentication rules of {@link
 * RetryPolicy}; maps every final non-2xx answer to a typed exception. Thread-safe.
 */
final class HttpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
  private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  private final HttpClient http;
  private final ClientSettings settings;
  private final RateBudget budget;
  private final boolean api2;
  private final String baseUrl;

  /**
   * @param budget the credential's shared budget, or null for calls outside any budget
   * @param api2 whether errors should be explained in API 2.0 terms
   * @param baseUrl shown in wrong-region and not-found advice
   */
  HttpTransport(
      HttpClient http, ClientSettings settings, RateBudget budget, boolean api2, String baseUrl) {
    this.http = http;
    this.settings = settings;
    this.budget = budget;
    this.api2 = api2;
    this.baseUrl = baseUrl;
  }

  ClientSettings settings() {
    return settings;
  }

  /** Sends the request until it succeeds or the retry policy gives up; the caller closes. */
  Response send(ApiRequest request) {
    RetryPolicy policy = settings.retryPolicy();
    boolean reauthenticated = false;
    int attempt = 0;
    while (true) {
      attempt++;
      if (request.budgeted()) {
        awaitBudget();
      }
      HttpResponse<InputStream> response;
      try {
        response = http.send(build(request), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        String code = e instanceof HttpTimeoutException ? "timeout" : "network_error";
        if (attempt < policy.maxAttempts()) {
          LOG.debug("{} attempt {} failed ({}), retrying", path(request), attempt, code);
          sleep(policy.backoff(attempt, ThreadLocalRandom.current().nextDouble()));
          continue;
        }
        throw new ServiceUnavailableException(
            code,
            MimecastApiException.NO_HTTP_STATUS,
            path(request) + ": " + describe(e) + " after " + attempt + " attempts",
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(request);
      }
      HttpHeaders headers = response.headers();
      observeRateLimit(request, headers);
      int status = response.statusCode();
      if (status / 100 == 2) {
        return new Response(
            status,
            headers,
            new IdleTimeoutInputStream(response.body(), settings.readIdleTimeout()));
      }
      String errorBody = readErrorBody(response.body());
      List<ApiError> errors = ApiError.from(Json.treeOrNull(errorBody));
      if (errors.isEmpty() && !errorBody.isBlank()) {
        errors = List.of(new ApiError(null, snippet(errorBody), null, null));
      }
      if (status == 429) {
        Duration hint = waitHint(headers);
        Duration wait =
            hint != null ? hint : policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
        if (request.budgeted() && budget != null) {
          budget.throttled(wait, settings.clock().instant());
        }
        if (attempt < policy.maxAttempts() && wait.compareTo(policy.maxServerWait()) <= 0) {
          LOG.debug("{} throttled (429), waiting {} ms", path(request), wait.toMillis());
          if (!request.budgeted() || budget == null) {
            sleep(wait);
          }
          continue;
        }
        throw ErrorMapper.map(status, errors, request.endpoint(), api2, baseUrl, hint);
      }
      if (status == 401
          && request.authenticator() != null
          && !reauthenticated
          && request.authenticator().renewAfterUnauthorized()) {
        LOG.debug("{} answered 401, re-authenticating once", path(request));
        reauthenticated = true;
        attempt--;
        continue;
      }
      if (status == 408 || status == 500 || status == 502 || status == 503 || status == 504) {
        Duration backoff = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
        Duration hint = retryAfter(headers);
        Duration wait = hint != null && hint.compareTo(backoff) > 0 ? hint : backoff;
        if (attempt < policy.maxAttempts() && wait.compareTo(policy.maxServerWait()) <= 0) {
          LOG.debug("{} answered {}, retrying in {} ms", path(request), status, wait.toMillis());
          sleep(wait);
          continue;
        }
      }
      throw ErrorMapper.map(status, errors, request.endpoint(), api2, baseUrl, null);
    }
  }

  /** Throws the mapped exception when a 2xx JSON body reports a failure. */
  void checkEnvelope(JsonNode root, Endpoint endpoint) {
    MimecastApiException error = ErrorMapper.fromEnvelope(root, endpoint, api2, baseUrl);
    if (error != null) {
      throw error;
    }
  }

  /** Reads a whole JSON page (bounded by {@link PayloadLimits#maxPageBytes()}) and closes it. */
  String readPage(Response response, Endpoint endpoint) {
    int max = settings.limits().maxPageBytes();
    try (response) {
      byte[] bytes = response.body().readNBytes(max + 1);
      if (bytes.length > max) {
        throw new PayloadException(
            PayloadException.TOO_LARGE,
            endpoint.path() + " response exceeds the page limit of " + max + " bytes",
            null);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Payloads.bodyFailure(e, endpoint.path() + " response");
    }
  }

  private HttpRequest build(ApiRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri()).timeout(settings.requestTimeout());
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.setHeader(header.getKey(), header.getValue());
    }
    if (request.authenticator() != null) {
      request.authenticator().authenticate(builder, request.uri().getRawPath());
    }
    HttpRequest.BodyPublisher body =
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body());
    return builder.method(request.method(), body).build();
  }

  private void awaitBudget() {
    if (budget == null) {
      return;
    }
    Duration wait;
    while (!(wait = budget.tryReserve(settings.clock().instant())).isZero()) {
      if (wait.compareTo(settings.retryPolicy().maxServerWait()) > 0) {
        throw new RateLimitedException(
            "The rate budget of this credential is blocked for " + wait.toSeconds() + " s", wait);
      }
      sleep(wait);
    }
  }

  private void observeRateLimit(ApiRequest request, HttpHeaders headers) {
    if (!request.budgeted() || budget == null) {
      return;
    }
    Integer limit = intHeader(headers, "X-RateLimit-Limit");
    Integer remaining = intHeader(headers, "X-RateLimit-Remaining");
    Long reset = longHeader(headers, "X-RateLimit-Reset");
    if (limit != null || remaining != null || reset != null) {
      budget.observe(limit, remaining, reset, settings.clock().instant());
    }
  }

  /** The 429 wait: {@code X-RateLimit-Reset} (milliseconds), else {@code Retry-After}. */
  private Duration waitHint(HttpHeaders headers) {
    Long reset = longHeader(headers, "X-RateLimit-Reset");
    if (reset != null) {
      return Duration.ofMillis(Math.max(0, reset));
    }
    return retryAfter(headers);
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
  private Duration retryAfter(HttpHeaders headers) {
    String value = headers.firstValue("Retry-After").orElse(null);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(settings.clock().instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static Integer intHeader(HttpHeaders headers, String name) {
    Long value = longHeader(headers, name);
    return value == null
        ? null
        : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  private static Long longHeader(HttpHeaders headers, String name) {
    String value = headers.firstValue(name).orElse(null);
    if (value == null) {
      return null;
    }
    try {
      // Some gateways send decimals ("1500.0"); the unit is still milliseconds.
      return (long) Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String readErrorBody(InputStream body) {
    try (body) {
      return new String(body.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String snippet(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }

  private void sleep(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      settings.sleeper().sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MimecastApiException(
          "interrupted",
          MimecastApiException.NO_HTTP_STATUS,
          true,
          "Interrupted while waiting to retry",
          "mailsec was stopping; nothing to do.",
          e);
    }
  }

  private static MimecastApiException interrupted(ApiRequest request) {
    return new MimecastApiException(
        "interrupted",
        MimecastApiException.NO_HTTP_STATUS,
        true,
        path(request) + ": interrupted",
        "mailsec was stopping; nothing to do.",
        null);
  }

  private static String path(ApiRequest request) {
    return request.endpoint().kind() == Endpoint.Kind.DOWNLOAD
        ? "batch file download"
        : request.endpoint().path();
  }

  private String describe(IOException e) {
    if (e instanceof HttpTimeoutException) {
      return "no response within " + settings.requestTimeout().toMillis() + " ms";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
