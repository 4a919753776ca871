package io.mailsec.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A scenario the simulator injected, with the ids of every record it produced (docs/simulator.md,
 * "Scenarios"). The same seed, scenario, time and parameters always give the same id and records.
 *
 * @param id the injection's id; record ids start with it (audit ids excepted)
 * @param scenario the scenario name, e.g. {@code impersonation-wave}
 * @param at when the scenario starts; its records lie at or after it
 * @param params the parameters as given
 * @param records ground-truth ids per ground-truth type ({@code siem}, {@code ttp-url}, {@code
 *     ttp-attachment}, {@code ttp-impersonation}, {@code dlp}, {@code threat-intel}, {@code
 *     audit}); every type is present, possibly with an empty list
 * @param messages the scenario's emails
 * @param facts the values a test looks for, e.g. {@code sha256}, {@code url}, {@code domain}
 * @param completeAt when the last record has become available (SIEM and feed files publish late)
 */
public record InjectedScenario(
    String id,
    String scenario,
    Instant at,
    Map<String, String> params,
    Map<String, List<String>> records,
    List<Message> messages,
    Map<String, String> facts,
    Instant completeAt) {

  public InjectedScenario {
    params = Map.copyOf(params);
    records = Map.copyOf(records);
    messages = List.copyOf(messages);
    facts = Map.copyOf(facts);
  }

  /** One email of a scenario: the identifiers all its SIEM rows and TTP records share. */
  public record Message(
      String simId,
      String aggregateId,
      String messageId,
      Instant receivedAt,
      String sender,
      String senderIp,
      List<String> recipients,
      String subject) {

    public Message {
      recipients = List.copyOf(recipients);
    }
  }
}
