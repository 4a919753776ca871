package io.mailsec.detect;

import io.mailsec.core.Secret;
import io.mailsec.core.event.Event;
import io.mailsec.detect.alert.AlertNotifier;
import io.mailsec.detect.alert.BearerToken;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook new alerts go to, following the detection config: each alert is sent to the webhook
 * of the config given with it. When that webhook differs from the previous one (url or token
 * variable added, changed or removed), the previous notifier is shut down without waiting: the
 * notifications already queued on it are still posted to the old url (with their retries), new ones
 * go to the new url or nowhere. {@link #close} waits for every notifier's queue, at most 10 seconds
 * each. A token from the environment is read when a notifier is created; a token file at every
 * request. Thread-safe.
 */
final class AlertWebhook implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
  private static final int MAX_ATTEMPTS = 6;
  private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(2);

  private final UnaryOperator<String> environment;
  private final List<AlertNotifier> retired = new ArrayList<>();
  private Target target;
  private AlertNotifier current;
  private boolean closed;

  /** What identifies a webhook in the config; a null url is "no webhook". */
  private record Target(URI url, String tokenEnv, Path tokenFile) {
    static Target of(DetectionConfig config) {
      return new Target(config.webhookUrl(), config.webhookTokenEnv(), config.webhookTokenFile());
    }
  }

  /**
   * @param environment reads an environment variable (null when unset), for the bearer token
   */
  AlertWebhook(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /** Queues the alert for the webhook of {@code config}, if it has one; returns at once. */
  synchronized void send(Event alert, DetectionConfig config) {
    follow(config);
    if (current != null) {
      current.notifyAsync(alert);
    }
  }

  /** Switches to the webhook of {@code config} if it differs from the one in use. */
  synchronized void follow(DetectionConfig config) {
    Target next = Target.of(config);
    if (closed || Objects.equals(next, target)) {
      return;
    }
    if (current != null) {
      current.shutdown();
      retired.add(current);
      current = null;
    }
    retired.removeIf(AlertNotifier::isTerminated);
    if (next.url() != null) {
      current = new AlertNotifier(next.url(), token(next), MAX_ATTEMPTS, INITIAL_BACKOFF);
    }
    if (target != null) {
      LOG.info(
          "the alert webhook {}; new alerts follow the new config",
          next.url() == null ? "was removed" : target.url() == null ? "was added" : "changed");
    }
    target = next;
  }

  private BearerToken token(Target webhook) {
    if (webhook.tokenFile() != null) {
      return BearerToken.fromFile(webhook.tokenFile());
    }
    String value = webhook.tokenEnv() == null ? null : environment.apply(webhook.tokenEnv());
    if (value == null || value.isEmpty()) {
      return null;
    }
    Secret token = Secret.of(value);
    return () -> token;
  }

  /** Stops taking alerts and waits for the queued notifications of every notifier. */
  @Override
  public void close() {
    List<AlertNotifier> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(retired);
      if (current != null) {
        all.add(current);
      }
      current = null;
      retired.clear();
    }
    all.forEach(AlertNotifier::shutdown);
    all.forEach(AlertNotifier::close);
  }
}
