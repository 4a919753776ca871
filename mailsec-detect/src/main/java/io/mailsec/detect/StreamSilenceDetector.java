package io.mailsec.detect;

import io.mailsec.core.Durations;
import io.mailsec.core.event.Event;
import io.mailsec.core.store.StreamId;
import io.mailsec.detect.alert.AlertSpec;
import io.mailsec.detect.alert.Alerts;
import io.mailsec.detect.rule.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collector health as an alert: a stream that delivered no data for longer than the configured
 * silence raises "stream stopped delivering data" (one alert per silence), resolved by the system
 * when data flows again. Fed by the server with each stream's health, not by a query, because the
 * absence of events is not in the events.
 */
public final class StreamSilenceDetector {
  public static final String RULE_ID = "collector-stream-silent";

  private final Duration silenceAfter;

  /**
   * What the collector knows about a stream.
   *
   * @param lastDataAt when the stream last delivered data (or started, if it never did)
   * @param lastError the latest failure text, or null
   */
  public record StreamStatus(
      StreamId stream, String tenantId, Instant lastDataAt, String lastError) {}

  public StreamSilenceDetector(Duration silenceAfter) {
    this.silenceAfter = silenceAfter;
  }

  /**
   * The alert to store for this status given the stream's current alert, or empty when nothing
   * changes: a new alert when the stream became silent, the current one resolved when data flowed
   * since it was raised. An open alert of a stream that delivered nothing since is kept open even
   * when this detector's silence is longer than the one that raised it (the config changed).
   */
  public Optional<Event> evaluate(StreamStatus status, Event current, Instant now) {
    boolean open = current != null && !current.string("status").orElse("open").equals("resolved");
    Instant silentSince = status.lastDataAt().plus(silenceAfter);
    boolean silent = !now.isBefore(silentSince);
    if (silent && !open) {
      String key = status.stream().toString();
      AlertSpec spec =
          new AlertSpec(
              RULE_ID,
              "Collection stream stopped delivering data",
              "No data from "
                  + key
                  + " since "
                  + status.lastDataAt()
                  + " (more than "
                  + Durations.format(silenceAfter)
                  + ")."
                  + (status.lastError() == null ? "" : " Last error: " + status.lastError())
                  + " Check the integration's credentials, licence and the collector's health"
                  + " page; data older than the API's retention may be lost.",
              Severity.HIGH,
              90,
              List.of(),
              List.of("health", "collector"),
              "stream_health",
              true);
      Event alert =
          Alerts.create(
              spec, key, status.lastDataAt().toString(), status.tenantId(), silentSince, now);
      Map<String, Object> fields = new LinkedHashMap<>(alert.fields());
      fields.put("entities", Map.of("streams", List.of(key)));
      return Optional.of(Event.of(alert.schema(), fields));
    }
    if (!silent && open && deliveredSince(current, status)) {
      return Optional.of(
          Alerts.withStatus(current, "resolved", Alerts.SYSTEM_ACTOR, "data flows again", now));
    }
    return Optional.empty();
  }

  /** Whether the stream delivered data after the alert's silence began. */
  private static boolean deliveredSince(Event alert, StreamStatus status) {
    return alert
        .first("first_seen")
        .filter(Instant.class::isInstance)
        .map(silentSince -> !status.lastDataAt().isBefore((Instant) silentSince))
        .orElse(true);
  }
}
