package io.mailsec.detect.alert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each new alert as JSON to a webhook, with retries and exponential backoff, on one
 * background thread so detection never waits for the network. The body is {@code {"type":
 * "mailsec.alert.created", "alert": {...alert fields...}}}; with a token, the request carries
 * {@code Authorization: Bearer <token>}.
 *
 * <p>Retried: connection failures, timeouts, 408, 429 and 5xx, up to {@code maxAttempts} attempts.
 * Other 4xx answers are final. A notification that fails every attempt is logged and dropped: the
 * alert itself is already stored and listed, the webhook only makes it faster to see.
 */
public final class AlertNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final URI url;
  private final BearerToken token;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final HttpClient http;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "mailsec-alert-webhook");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param token where the bearer token comes from, or null for none
   */
  public AlertNotifier(URI url, BearerToken token, int maxAttempts, Duration initialBackoff) {
    this.url = Objects.requireNonNull(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("webhook URL must be http or https: " + url);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.token = token;
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Queues the alert for posting; returns at once. */
  public void notifyAsync(Event alert) {
    worker.execute(() -> post(alert));
  }

  /**
   * Posts the alert now, retrying as described; true when the webhook accepted it (2xx).
   * Interruption stops the retries.
   */
  public boolean post(Event alert) {
    String body = body(alert);
    Duration backoff = initialBackoff;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      String outcome;
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "mailsec")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
          request.header("Authorization", "Bearer " + token.read().reveal());
        }
        HttpResponse<Void> response =
            http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return true;
        }
        if (status != 408 && status != 429 && status < 500) {
          LOG.warn("webhook refused alert {} with HTTP {}; not retrying", alert.id(), status);
          return false;
        }
        outcome = "HTTP " + status;
      } catch (IOException e) {
        outcome =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (attempt == maxAttempts) {
        LOG.warn(
            "webhook failed for alert {} after {} attempts ({})", alert.id(), attempt, outcome);
        return false;
      }
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
    return false;
  }

  static String body(Event alert) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("type", "mailsec.alert.created");
    root.set("alert", EventJson.toTree(alert).get("fields"));
    return root.toString();
  }

  /**
   * Takes no more notifications and returns at once; those already queued are still posted, with
   * their retries, by the worker (a daemon thread: a JVM exit stops it), which then ends.
   */
  public void shutdown() {
    worker.shutdown();
  }

  /** Whether the worker ended after {@link #shutdown} or {@link #close}. */
  public boolean isTerminated() {
    return worker.isTerminated();
  }

  /** Stops the worker after the queued notifications, waiting at most 10 seconds. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
