package io.mailsec.detect;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.detect.ti.Indicator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks events that hit threat indicators: {@code ti.indicator_ids} (ids of the indicators' {@code
 * threat_indicator} events) and {@code ti.values} (the matching observables as {@code kind:value},
 * e.g. {@code hash:ab12...}), so rules and searches can use them.
 */
final class IndicatorMarks {
  static final List<String> SCHEMAS = List.of(SchemaRegistry.EMAIL, SchemaRegistry.HTTP);

  private IndicatorMarks() {}

  /** The event with the hits added to its marks; the event itself when nothing is new. */
  static Event mark(Event event, List<Indicator> hits, Set<String> observables) {
    if (hits.isEmpty()) {
      return event;
    }
    Set<Object> ids = new LinkedHashSet<>(event.get("ti.indicator_ids"));
    Set<Object> values = new LinkedHashSet<>(event.get("ti.values"));
    for (Indicator hit : hits) {
      ids.add(hit.eventId());
      for (String o : hit.observables()) {
        if (observables.contains(o)) {
          values.add(o);
        }
      }
    }
    return withMarks(event, ids, values);
  }

  /** The incoming copy of a stored event, keeping the marks the stored copy has. */
  static Event carryOver(Event stored, Event incoming) {
    if (stored.get("ti.indicator_ids").isEmpty()) {
      return incoming;
    }
    Set<Object> ids = new LinkedHashSet<>(incoming.get("ti.indicator_ids"));
    ids.addAll(stored.get("ti.indicator_ids"));
    Set<Object> values = new LinkedHashSet<>(incoming.get("ti.values"));
    values.addAll(stored.get("ti.values"));
    return withMarks(incoming, ids, values);
  }

  private static Event withMarks(Event event, Set<Object> ids, Set<Object> values) {
    Set<Object> before = new LinkedHashSet<>(event.get("ti.indicator_ids"));
    Set<Object> beforeValues = new LinkedHashSet<>(event.get("ti.values"));
    if (before.equals(ids) && beforeValues.equals(values)) {
      return event;
    }
    Map<String, Object> fields = new LinkedHashMap<>(event.fields());
    Map<String, Object> ti = new LinkedHashMap<>();
    ti.put("indicator_ids", new ArrayList<>(ids));
    ti.put("values", new ArrayList<>(values));
    fields.put("ti", ti);
    return Event.of(event.schema(), fields);
  }
}
