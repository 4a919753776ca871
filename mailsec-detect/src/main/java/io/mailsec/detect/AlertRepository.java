package io.mailsec.detect;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Operator;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.detect.alert.Alerts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads and updates stored alerts. Used directly by the CLI when no server runs, and by {@link
 * DetectionEngine#updateStatus} (which also refreshes its state) when one does.
 */
public final class AlertRepository {
  private AlertRepository() {}

  /** The alert with this id. */
  public static Optional<Event> find(EventStore store, String alertId) {
    List<Event> found =
        store
            .search(
                new SearchRequest(
                    EventQuery.where(new Comparison("id", Operator.EQ, alertId))
                        .withSchemas(SchemaRegistry.ALERT),
                    List.of(),
                    1,
                    null))
            .events();
    return found.stream().findFirst();
  }

  /**
   * Sets the alert's status, appending {@code who/when/from/to/note} to its history, and commits it
   * under {@link DetectionEngine#ALERT_STREAM}.
   *
   * @throws IllegalArgumentException for an unknown status
   */
  public static Optional<Event> updateStatus(
      EventStore store, String alertId, String status, String actor, String note, Instant now) {
    Optional<Event> alert = find(store, alertId);
    if (alert.isEmpty()) {
      return Optional.empty();
    }
    Event updated = Alerts.withStatus(alert.get(), status, actor, note, now);
    store.commit(
        StoreBatch.of(
            DetectionEngine.ALERT_STREAM,
            List.of(updated),
            Checkpoint.of("updated", now.toString())));
    return Optional.of(updated);
  }
}
