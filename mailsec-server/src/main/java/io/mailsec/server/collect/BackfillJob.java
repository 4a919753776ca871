package io.mailsec.server.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A running or finished backfill: its plan and the live progress of each data type. Thread-safe:
 * the job's worker updates it while request threads read {@link #view()}.
 */
final class BackfillJob {
  private final String id;
  private final String integrationId;
  private final Instant from;
  private final Instant to;
  private final String createdBy;
  private final Instant created;
  private final Clock clock;
  private final List<BackfillJobView.TypeView> types;
  private Instant finished;
  private volatile boolean cancelRequested;

  BackfillJob(
      String id,
      String integrationId,
      Instant from,
      Instant to,
      String createdBy,
      Clock clock,
      List<BackfillPlanner.TypeRange> plan) {
    this.id = id;
    this.integrationId = integrationId;
    this.from = from;
    this.to = to;
    this.createdBy = createdBy;
    this.clock = clock;
    this.created = clock.instant();
    this.types = new ArrayList<>();
    for (BackfillPlanner.TypeRange r : plan) {
      types.add(
          new BackfillJobView.TypeView(
              r.dataType(),
              r.requestedFrom(),
              r.from(),
              r.to(),
              r.note(),
              BackfillState.QUEUED,
              0,
              0,
              0,
              0,
              0,
              0,
              null));
    }
  }

  String id() {
    return id;
  }

  String integrationId() {
    return integrationId;
  }

  void requestCancel() {
    cancelRequested = true;
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  synchronized int typeCount() {
    return types.size();
  }

  synchronized BackfillJobView.TypeView type(int index) {
    return types.get(index);
  }

  synchronized void update(int index, BackfillJobView.TypeView value) {
    types.set(index, value);
  }

  /** Ends every type that has not finished with {@code state}, and the job. */
  synchronized void finish(BackfillState state, String reason) {
    for (int i = 0; i < types.size(); i++) {
      BackfillJobView.TypeView t = types.get(i);
      if (!t.state().finished()) {
        types.set(i, BackfillProgress.withState(t, state, reason));
      }
    }
    if (finished == null) {
      finished = clock.instant();
    }
  }

  synchronized BackfillJobView view() {
    return new BackfillJobView(
        id, integrationId, from, to, createdBy, created, finished, overall(), List.copyOf(types));
  }

  private BackfillState overall() {
    if (finished == null) {
      boolean anyStarted = types.stream().anyMatch(t -> t.state() != BackfillState.QUEUED);
      return anyStarted ? BackfillState.RUNNING : BackfillState.QUEUED;
    }
    for (BackfillState worst :
        List.of(BackfillState.FAILED, BackfillState.INTERRUPTED, BackfillState.CANCELLED)) {
      if (types.stream().anyMatch(t -> t.state() == worst)) {
        return worst;
      }
    }
    return BackfillState.DONE;
  }
}
