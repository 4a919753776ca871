package io.mailsec.server.collect;

import io.mailsec.detect.StreamSilenceDetector.StreamStatus;
import java.time.Instant;
import java.util.List;

/** Stream health as the detection engine's silence detector reads it. */
public final class HealthAlerts {
  private HealthAlerts() {}

  /**
   * One status per stream: "last data" is the last successful poll, or {@code started} when the
   * stream has not succeeded since this process started (so a stream failing from the start raises
   * the alert once the silence has lasted long enough).
   */
  public static List<StreamStatus> statuses(List<StreamHealth> health, Instant started) {
    return health.stream()
        .map(
            h ->
                new StreamStatus(
                    h.stream(),
                    "default",
                    h.lastSuccess() != null ? h.lastSuccess() : started,
                    h.reason() == null || h.reason().isEmpty() ? null : h.reason()))
        .toList();
  }
}
