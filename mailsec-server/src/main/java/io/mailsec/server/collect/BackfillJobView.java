package io.mailsec.server.collect;

import java.time.Instant;
import java.util.List;

/**
 * An immutable picture of a backfill job, as the REST API returns it and as {@code backfills.json}
 * keeps it.
 *
 * @param id job id
 * @param integrationId the integration it collects for
 * @param from requested start (inclusive)
 * @param to requested end (exclusive)
 * @param createdBy who started it (user name, or {@code cli})
 * @param created when it was started
 * @param finished when it ended, or null
 * @param state the job's state: running while any type runs, else the worst outcome of its types
 * @param types one entry per data type, in the order they run
 */
public record BackfillJobView(
    String id,
    String integrationId,
    Instant from,
    Instant to,
    String createdBy,
    Instant created,
    Instant finished,
    BackfillState state,
    List<TypeView> types) {

  public BackfillJobView {
    types = List.copyOf(types);
  }

  /**
   * The progress of one data type.
   *
   * @param dataType data type id
   * @param requestedFrom the job's start
   * @param from where this type actually starts (later than requested when clamped to retention)
   * @param to where it ends
   * @param note why the range was clamped, or null
   * @param state its state
   * @param progress fraction of {@code [from, to)} the source's time cursor has covered, 0 to 1
   * @param eventsStored events in the range that were not stored before and are now
   * @param duplicatesSkipped events in the range that were already stored (not written again)
   * @param outsideRange events the source delivered from outside the range (not stored)
   * @param quarantined records that could not be normalized (kept in quarantine)
   * @param gaps data Mimecast could not deliver (recorded as gaps)
   * @param error why the type failed, or null
   */
  public record TypeView(
      String dataType,
      Instant requestedFrom,
      Instant from,
      Instant to,
      String note,
      BackfillState state,
      double progress,
      long eventsStored,
      long duplicatesSkipped,
      long outsideRange,
      long quarantined,
      long gaps,
      String error) {}
}
