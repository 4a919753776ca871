package io.mailsec.mimecast.client;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Transport knobs shared by {@link MimecastClient} and {@link LoginApi}. Every value has a
 * production default; tests shrink the delays and inject a clock and a sleeper.
 *
 * @param retryPolicy retries and backoff
 * @param limits memory and size guards
 * @param connectTimeout TCP/TLS connect timeout (used only when the client builds its HttpClient)
 * @param requestTimeout time from sending a request until the response headers arrive
 * @param readIdleTimeout longest silence while a response body is being read
 * @param tokenRefreshMargin an OAuth token is renewed this long before it expires (at most half of
 *     its lifetime)
 * @param clock source of "now" for signatures, token expiry and rate budgets
 * @param sleeper how the client waits between attempts
 * @param httpClient the JDK client to use, or null to build one
 */
public record ClientSettings(
    RetryPolicy retryPolicy,
    PayloadLimits limits,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration readIdleTimeout,
    Duration tokenRefreshMargin,
    Clock clock,
    Sleeper sleeper,
    HttpClient httpClient) {

  public ClientSettings {
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(readIdleTimeout, "readIdleTimeout");
    Objects.requireNonNull(tokenRefreshMargin, "tokenRefreshMargin");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  public static ClientSettings defaults() {
    return new ClientSettings(
        RetryPolicy.defaults(),
        PayloadLimits.defaults(),
        Duration.ofSeconds(15),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        Clock.systemUTC(),
        Sleeper.SYSTEM,
        null);
  }

  public ClientSettings withRetryPolicy(RetryPolicy value) {
    return new ClientSettings(
        value,
        limits,
        connectTimeout,
        requestTimeout,
        readIdleTimeout,
        tokenRefreshMargin,
        clock,
        sleeper,
        httpClient);
  }

  public ClientSettings withLimits(PayloadLimits value) {
    return new ClientSettings(
        retryPolicy,
        value,
        connectTimeout,
        requestTimeout,
        readIdleTimeout,
        tokenRefreshMargin,
        clock,
        sleeper,
        httpClient);
  }

  public ClientSettings withRequestTimeout(Duration value) {
    return new ClientSettings(
        retryPolicy,
        limits,
        connectTimeout,
        value,
        readIdleTimeout,
        tokenRefreshMargin,
        clock,
        sleeper,
        httpClient);
  }

  public ClientSettings withReadIdleTimeout(Duration value) {
    return new ClientSettings(
        retryPolicy,
        limits,
        connectTimeout,
        requestTimeout,
        value,
        tokenRefreshMargin,
        clock,
        sleeper,
        httpClient);
  }

  public ClientSettings withTokenRefreshMargin(Duration value) {
    return new ClientSettings(
        retryPolicy,
        limits,
        connectTimeout,
        requestTimeout,
        readIdleTimeout,
        value,
        clock,
        sleeper,
        httpClient);
  }

  public ClientSettings withClock(Clock value) {
    return new ClientSettings(
        retryPolicy,
        limits,
        connectTimeout,
        requestTimeout,
        readIdleTimeout,
        tokenRefreshMargin,
        value,
        sleeper,
        httpClient);
  }

  public ClientSettings withSleeper(Sleeper value) {
    return new ClientSettings(
        retryPolicy,
        limits,
        connectTimeout,
        requestTimeout,
        readIdleTimeout,
        tokenRefreshMargin,
        clock,
        value,
        httpClient);
  }

  public ClientSettings withHttpClient(HttpClient value) {
    return new ClientSettings(
        retryPolicy,
        limits,
        connectTimeout,
        requestTimeout,
        readIdleTimeout,
        tokenRefreshMargin,
        clock,
        sleeper,
        value);
  }

  /** The configured HttpClient, or a new HTTP/1.1 client that follows same-scheme redirects. */
  HttpClient httpClientOrDefault() {
    if (httpClient != null) {
      return httpClient;
    }
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }
}
