package io.mailsec.simulator.data;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scenarios the simulator can inject (docs/simulator.md, "Scenarios"), with the parameters each
 * accepts. A scenario is a small, known set of records placed on the timeline at a chosen time, for
 * end-to-end tests that must find exactly these records (and the alerts they cause).
 */
public enum ScenarioType {
  /** An inbound attachment flagged malicious by the sandbox or AV, yet delivered or released. */
  MALICIOUS_ATTACHMENT_DELIVERED(
      "malicious-attachment-delivered", "sha256", "engine", "variant", "recipient"),
  /** A user warned about a malicious URL who clicked through, or an admin-permitted click. */
  URL_CLICK_THROUGH("url-click-through", "variant", "url", "category", "recipient"),
  /** Impersonation hits from a look-alike of the internal domain aimed at finance/executives. */
  IMPERSONATION_WAVE("impersonation-wave", "count", "domain", "recipients", "action"),
  /**
   * A threat-feed indicator (file hash and URL) and an email carrying that file, in either order.
   */
  INDICATOR_HIT("indicator-hit", "order", "sha256", "url", "validDays", "recipient"),
  /** Failed administrator logons for one user from one IP within ten minutes. */
  LOGON_FAILURES("logon-failures", "count", "user", "ip"),
  /** Held (or rejected) inbound messages from one sender and IP within ten minutes. */
  HELD_BURST("held-burst", "count", "sender", "ip", "action"),
  /** An admin creates a permitted-senders (bypass) policy and a new API application. */
  BYPASS_POLICY("bypass-policy", "user", "senderDomain", "application"),
  /**
   * An internal user's outbound message with sensitive content that a DLP policy holds for review
   * (or, with {@code action=notification}, only reports).
   */
  DLP_HOLD("dlp-hold", "action", "policy", "sender", "recipient");

  private final String specName;
  private final Set<String> params;

  ScenarioType(String specName, String... params) {
    this.specName = specName;
    this.params = Set.of(params);
  }

  /** The name used by the admin endpoint and {@code --scenario}. */
  public String specName() {
    return specName;
  }

  /** The parameter names the scenario accepts. */
  public Set<String> params() {
    return params;
  }

  public static Optional<ScenarioType> fromSpecName(String name) {
    return Arrays.stream(values()).filter(t -> t.specName.equals(name.trim())).findFirst();
  }

  public static List<String> allSpecNames() {
    return Arrays.stream(values()).map(ScenarioType::specName).toList();
  }
}
