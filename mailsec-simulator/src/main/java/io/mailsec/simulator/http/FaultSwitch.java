package io.mailsec.simulator.http;

import io.mailsec.simulator.FaultType;

/** Asks whether an armed fault fires for a request path (and counts it down if it does). */
@FunctionalInterface
public interface FaultSwitch {
  boolean fire(FaultType type, String path);
}
