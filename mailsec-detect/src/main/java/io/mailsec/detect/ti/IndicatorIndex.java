package io.mailsec.detect.ti;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Indicators by observable, keeping one version per indicator key (the newest; a revoked version
 * stays, so that an older unrevoked copy arriving later cannot bring it back). Not thread-safe: the
 * detection engine guards it.
 */
public final class IndicatorIndex {
  private final Map<String, Indicator> byKey = new HashMap<>();
  private final Map<String, Set<String>> keysByObservable = new HashMap<>();

  /**
   * Adds or replaces an indicator version. Returns true when the version was taken (it is not older
   * than the one held).
   */
  public boolean upsert(Indicator indicator) {
    Indicator old = byKey.get(indicator.key());
    if (old != null
        && old.version() != null
        && indicator.version() != null
        && indicator.version().isBefore(old.version())) {
      return false;
    }
    if (old != null) {
      for (String o : old.observables()) {
        Set<String> keys = keysByObservable.get(o);
        if (keys != null) {
          keys.remove(old.key());
          if (keys.isEmpty()) {
            keysByObservable.remove(o);
          }
        }
      }
    }
    byKey.put(indicator.key(), indicator);
    if (!indicator.revoked()) {
      for (String o : indicator.observables()) {
        keysByObservable.computeIfAbsent(o, k -> new LinkedHashSet<>()).add(indicator.key());
      }
    }
    return true;
  }

  public Optional<Indicator> get(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Indicators sharing one of the observables and active at {@code time}. */
  public List<Indicator> matching(Collection<String> observables, Instant time) {
    // Nearly every event hits no indicator: allocate nothing for those.
    Set<String> keys = null;
    for (String o : observables) {
      Set<String> found = keysByObservable.get(o);
      if (found != null) {
        if (keys == null) {
          keys = new LinkedHashSet<>();
        }
        keys.addAll(found);
      }
    }
    if (keys == null) {
      return List.of();
    }
    List<Indicator> out = new ArrayList<>();
    for (String key : keys) {
      Indicator indicator = byKey.get(key);
      if (indicator.activeAt(time)) {
        out.add(indicator);
      }
    }
    return out;
  }

  /** Number of indicator keys held (revoked included). */
  public int size() {
    return byKey.size();
  }
}
