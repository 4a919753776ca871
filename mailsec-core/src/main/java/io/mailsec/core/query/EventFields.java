package io.mailsec.core.query;

import io.mailsec.core.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event's field values as predicates read them, looked up and case-folded at most once per
 * field however many predicates test the event: detection evaluates every enabled rule on every
 * event, and the rules keep asking for the same few fields ({@code event_type}, {@code status},
 * ...).
 *
 * <p>Not thread-safe; meant to live for the evaluations of one event.
 */
public final class EventFields {
  private final Event event;
  private final Map<String, List<Object>> values = new HashMap<>();
  private final Map<String, List<String>> strings = new HashMap<>();
  private final Map<String, List<String>> folded = new HashMap<>();

  private EventFields(Event event) {
    this.event = event;
  }

  public static EventFields of(Event event) {
    return new EventFields(event);
  }

  public Event event() {
    return event;
  }

  /** All values at a dotted path, as {@link Event#get}. */
  List<Object> values(String field) {
    List<Object> v = values.get(field);
    if (v == null) {
      v = event.get(field);
      values.put(field, v);
    }
    return v;
  }

  /** The string values at a dotted path, in order; other values are left out. */
  List<String> strings(String field) {
    List<String> s = strings.get(field);
    if (s == null) {
      s = new ArrayList<>();
      for (Object v : values(field)) {
        if (v instanceof String text) {
          s.add(text);
        }
      }
      strings.put(field, s);
    }
    return s;
  }

  /** The string values at a dotted path, each {@link TextFolding#fold folded}, in order. */
  List<String> folded(String field) {
    List<String> f = folded.get(field);
    if (f == null) {
      List<String> raw = strings(field);
      f = new ArrayList<>(raw.size());
      for (String s : raw) {
        f.add(TextFolding.fold(s));
      }
      folded.put(field, f);
    }
    return f;
  }
}
