package io.mailsec.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's fault switches: the same state the {@code /__sim/faults} admin endpoint changes.
 * Faults fire in the order they were armed; each firing counts the fault down by one, and a fault
 * that reaches zero disappears. Thread-safe.
 */
public final class SimulatorFaults {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorFaults.class);

  private final List<Entry> entries = new ArrayList<>();

  private static final class Entry {
    final FaultType type;
    final String pathPrefix;
    int remaining;

    Entry(FaultType type, int remaining, String pathPrefix) {
      this.type = type;
      this.remaining = remaining;
      this.pathPrefix = pathPrefix;
    }

    ArmedFault snapshot() {
      return new ArmedFault(type, remaining, pathPrefix);
    }
  }

  SimulatorFaults() {}

  /**
   * Arms a fault.
   *
   * @param times how often it fires: a positive count, or -1 for "until cleared"
   * @param pathPrefix restricts it to request paths starting with this; {@code null} or blank for
   *     every path
   */
  public ArmedFault arm(FaultType type, int times, String pathPrefix) {
    Objects.requireNonNull(type, "type");
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive or -1 (until cleared): " + times);
    }
    String prefix = pathPrefix == null || pathPrefix.isBlank() ? null : pathPrefix.trim();
    Entry entry = new Entry(type, times, prefix);
    synchronized (entries) {
      entries.add(entry);
    }
    LOG.info("fault armed: {} x{} on {}", type.specName(), times, prefix == null ? "*" : prefix);
    return entry.snapshot();
  }

  /** Arms a fault from a spec {@code name[:times[:pathPrefix]]}, e.g. {@code slow:3:/siem/}. */
  public ArmedFault arm(String spec) {
    String[] parts = spec.trim().split(":", 3);
    FaultType type =
        FaultType.fromSpecName(parts[0])
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown fault '" + parts[0] + "'; known: " + FaultType.allSpecNames()));
    int times = 1;
    if (parts.length > 1 && !parts[1].isBlank()) {
      try {
        times = Integer.parseInt(parts[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("fault count is not a number: " + parts[1], e);
      }
    }
    return arm(type, times, parts.length > 2 ? parts[2] : null);
  }

  /** The faults still armed, in firing order. */
  public List<ArmedFault> armed() {
    synchronized (entries) {
      return entries.stream().map(Entry::snapshot).toList();
    }
  }

  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
    LOG.info("faults cleared");
  }

  /**
   * Fires the first armed fault of this type that applies to the path, counting it down. Returns
   * whether one fired. Called by the server for every request that the fault type can affect.
   */
  boolean fire(FaultType type, String path) {
    synchronized (entries) {
      Iterator<Entry> it = entries.iterator();
      while (it.hasNext()) {
        Entry entry = it.next();
        if (entry.type != type
            || (entry.pathPrefix != null && !path.startsWith(entry.pathPrefix))) {
          continue;
        }
        if (entry.remaining > 0 && --entry.remaining == 0) {
          it.remove();
        }
        LOG.info("fault fired: {} on {}", type.specName(), path);
        return true;
      }
      return false;
    }
  }
}
