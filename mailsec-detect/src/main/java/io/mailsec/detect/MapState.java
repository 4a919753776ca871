package io.mailsec.detect;

import io.mailsec.core.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Correlation state in plain maps, for dry runs and rule tests; keeps every alert produced. */
final class MapState implements Correlator.State {
  private final Map<String, Event> current = new HashMap<>();
  private final Map<String, List<Event>> windows = new HashMap<>();
  private final Map<String, Event> produced = new LinkedHashMap<>();
  private int created;

  @Override
  public Event alert(String stateKey) {
    return current.get(stateKey);
  }

  @Override
  public void putAlert(String stateKey, Event alert, boolean isNew) {
    current.put(stateKey, alert);
    produced.put(alert.id(), alert);
    if (isNew) {
      created++;
    }
  }

  @Override
  public List<Event> window(String stateKey) {
    return windows.computeIfAbsent(stateKey, k -> new ArrayList<>());
  }

  /** The final version of every alert produced, in order of creation. */
  List<Event> alerts() {
    return List.copyOf(produced.values());
  }

  int created() {
    return created;
  }
}
