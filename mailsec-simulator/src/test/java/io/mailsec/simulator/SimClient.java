package io.mailsec.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal Mimecast client for the simulator's tests, written from mimecast-api.md independently
 * of the simulator's own code (it shares nothing with the production client either).
 */
final class SimClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter MC_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final URI base;
  final SimulatorCredentials credentials;
  final Clock clock;
  String accessKey;
  String secretKey;

  SimClient(MimecastSimulator simulator, Clock clock) {
    this.base = simulator.baseUrl();
    this.credentials = simulator.credentials();
    this.clock = clock;
    this.accessKey = credentials.api1AccessKey();
    this.secretKey = credentials.api1SecretKey();
  }

  /** Base64 HMAC-SHA1 over the UTF-8 data, keyed with the base64-decoded secret (§1.3). */
  static String sign(String secretKeyBase64, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secretKeyBase64), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signed API 1.0 request for {@code path} with the given JSON body. */
  HttpRequest.Builder signed(String path, String body) {
    String date = MC_DATE.format(clock.instant());
    String requestId = UUID.randomUUID().toString();
    String signature =
        sign(secretKey, date + ":" + requestId + ":" + path + ":" + credentials.api1AppKey());
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "MC " + accessKey + ":" + signature)
        .header("x-mc-app-id", credentials.api1AppId())
        .header("x-mc-date", date)
        .header("x-mc-req-id", requestId)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<byte[]> api1(String path, String body) {
    return send(signed(path, body).build());
  }

  JsonNode api1Json(String path, String body) {
    return json(api1(path, body));
  }

  String token() {
    HttpResponse<byte[]> response =
        send(
            HttpRequest.newBuilder(base.resolve("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "client_id="
                            + enc(credentials.api2ClientId())
                            + "&client_secret="
                            + enc(credentials.api2ClientSecret())
                            + "&grant_type=client_credentials"))
                .build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("token request failed: " + response.statusCode());
    }
    return json(response).path("access_token").asText();
  }

  HttpResponse<byte[]> api2Get(String token, String pathAndQuery) {
    return send(
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build());
  }

  HttpResponse<byte[]> api2Post(String token, String path, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<byte[]> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  HttpResponse<byte[]> admin(String method, String path, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  JsonNode groundTruth(String type) {
    return json(admin("GET", "/__sim/ground-truth?type=" + type, null));
  }

  HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "not JSON ("
              + response.statusCode()
              + "): "
              + new String(response.body(), StandardCharsets.UTF_8),
          e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
