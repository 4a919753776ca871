package io.mailsec.normalize;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What normalizing one input produced: zero or more events and zero or more quarantined records.
 * Every input yields at least one of the two unless it legitimately holds no records (e.g. a STIX
 * bundle with no indicator).
 */
public record NormalizationResult(List<Event> events, List<QuarantinedRecord> quarantined) {
  public NormalizationResult {
    events = List.copyOf(events);
    quarantined = List.copyOf(quarantined);
  }

  public static NormalizationResult of(Event event) {
    return new NormalizationResult(List.of(event), List.of());
  }

  public static NormalizationResult quarantine(QuarantinedRecord record) {
    return new NormalizationResult(List.of(), List.of(record));
  }

  public NormalizationResult plus(NormalizationResult other) {
    List<Event> e = new ArrayList<>(events);
    e.addAll(other.events);
    List<QuarantinedRecord> q = new ArrayList<>(quarantined);
    q.addAll(other.quarantined);
    return new NormalizationResult(e, q);
  }
}
