package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One injected scenario and every record it produced. The records join the account's data like
 * generated ones: each becomes available on the schedule of its kind (docs/simulator.md) and is
 * listed by the ground truth.
 *
 * @param id derived from the seed, scenario, time and parameters: the same injection always gets
 *     the same id and the same records
 * @param params the parameters as given (defaults are not filled in)
 * @param messages the scenario's emails with all their SIEM rows, TTP records and file indicators
 * @param indicators threat-feed indicators that no message of the scenario produced (customer feed;
 *     the grid feed repeats them)
 * @param auditEvents the scenario's audit events
 * @param facts what a test needs to recognise the scenario, e.g. {@code sha256}, {@code url}
 */
public record Injection(
    String id,
    ScenarioType type,
    Instant at,
    Map<String, String> params,
    List<GeneratedMessage> messages,
    List<ThreatIndicator> indicators,
    List<AuditEvent> auditEvents,
    Map<String, String> facts) {

  public Injection {
    params = Map.copyOf(params);
    messages = List.copyOf(messages);
    indicators = List.copyOf(indicators);
    auditEvents = List.copyOf(auditEvents);
    facts = Map.copyOf(facts);
  }

  /** Every customer-feed indicator: those of the messages, then the standalone ones. */
  public List<ThreatIndicator> allIndicators() {
    List<ThreatIndicator> all = new ArrayList<>();
    messages.forEach(m -> all.addAll(m.customerIndicators()));
    all.addAll(indicators);
    return all;
  }

  /**
   * The ground-truth ids of every record, per ground-truth type ({@code siem}, {@code ttp-url},
   * {@code ttp-attachment}, {@code ttp-impersonation}, {@code dlp}, {@code threat-intel}, {@code
   * audit}). Threat-intel lists each indicator in both feeds.
   */
  public Map<String, List<String>> recordIds() {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    for (String type :
        List.of(
            "siem",
            "ttp-url",
            "ttp-attachment",
            "ttp-impersonation",
            "dlp",
            "threat-intel",
            "audit")) {
      ids.put(type, new ArrayList<>());
    }
    for (GeneratedMessage message : messages) {
      message.siemEvents().forEach(e -> ids.get("siem").add(e.id()));
      message.clicks().forEach(c -> ids.get("ttp-url").add(c.id()));
      message.attachmentScans().forEach(s -> ids.get("ttp-attachment").add(s.id()));
      message.impersonationLogs().forEach(l -> ids.get("ttp-impersonation").add(l.id()));
      message.dlpLogs().forEach(l -> ids.get("dlp").add(l.id()));
    }
    for (ThreatIndicator indicator : allIndicators()) {
      ids.get("threat-intel").add(indicator.id());
      ids.get("threat-intel").add(SimulatedAccount.gridId(indicator));
    }
    auditEvents.forEach(a -> ids.get("audit").add(a.id() + "@" + a.eventTime().getEpochSecond()));
    ids.replaceAll((type, list) -> List.copyOf(list));
    return ids;
  }

  /** When the last of the records becomes available (SIEM and feed files are published late). */
  public Instant completeAt() {
    Instant last = at;
    for (GeneratedMessage message : messages) {
      for (SiemEvent event : message.siemEvents()) {
        last =
            max(last, SimulatedAccount.siemPeriodEnd(SimulatedAccount.siemPeriodOf(event.time())));
      }
      for (UrlClick click : message.clicks()) {
        last = max(last, click.date());
      }
      for (AttachmentScan scan : message.attachmentScans()) {
        last = max(last, scan.date());
      }
      for (ImpersonationLog log : message.impersonationLogs()) {
        last = max(last, log.eventTime());
      }
      for (DlpLog log : message.dlpLogs()) {
        last = max(last, log.eventTime());
      }
    }
    for (ThreatIndicator indicator : allIndicators()) {
      last =
          max(
              last,
              SimulatedAccount.feedPeriodStart(
                  SimulatedAccount.feedPeriodOf(indicator.time()) + 1));
    }
    for (AuditEvent event : auditEvents) {
      last = max(last, event.eventTime());
    }
    return last;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
