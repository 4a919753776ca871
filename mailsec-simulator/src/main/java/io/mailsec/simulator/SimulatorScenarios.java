package io.mailsec.simulator;

import io.mailsec.simulator.data.Email;
import io.mailsec.simulator.data.GeneratedMessage;
import io.mailsec.simulator.data.Injection;
import io.mailsec.simulator.data.ScenarioType;
import io.mailsec.simulator.data.SimulatedAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario injection: the same state the {@code /__sim/scenarios} admin endpoint changes. An
 * injection places a known set of records (a delivered malicious attachment, a click-through, an
 * impersonation wave...) on the simulator's timeline; see docs/simulator.md for the scenarios and
 * their parameters. Injecting the same scenario, time and parameters twice is a no-op that returns
 * the first injection. Thread-safe.
 */
public final class SimulatorScenarios {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorScenarios.class);
  private static final DateTimeFormatter NO_COLON_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z", Locale.ROOT);

  private final SimulatedAccount account;
  private final Clock clock;

  SimulatorScenarios(SimulatedAccount account, Clock clock) {
    this.account = account;
    this.clock = clock;
  }

  /** The names {@link #inject} accepts. */
  public static List<String> names() {
    return ScenarioType.allSpecNames();
  }

  /**
   * Injects a scenario.
   *
   * @param at when it starts; {@code null} for the simulator's now (truncated to milliseconds)
   * @param params scenario parameters (list values comma-separated); may be empty
   * @throws IllegalArgumentException for an unknown scenario or an unknown or invalid parameter
   */
  public InjectedScenario inject(String name, Instant at, Map<String, String> params) {
    ScenarioType type =
        ScenarioType.fromSpecName(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown scenario '" + name + "'; known: " + names()));
    Instant start = at != null ? at : clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Injection injection = account.inject(type, start, params);
    LOG.info(
        "scenario injected: {} at {} as {} {}",
        type.specName(),
        start,
        injection.id(),
        injection.params());
    return view(injection);
  }

  /**
   * Injects a scenario from a spec {@code name[@time][;key=value...]}, e.g. {@code
   * impersonation-wave@2024-11-13T10:00:00Z;count=8;recipients=cfo@contoso.com,ap@contoso.com}. The
   * time is ISO-8601 with {@code Z} or an offset; without one the scenario starts now.
   */
  public InjectedScenario inject(String spec) {
    String[] parts = spec.trim().split(";");
    String head = parts[0].trim();
    int atSign = head.indexOf('@');
    String name = atSign < 0 ? head : head.substring(0, atSign);
    Instant at = atSign < 0 ? null : parseTime(head.substring(atSign + 1).trim());
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].isBlank()) {
        continue;
      }
      int eq = parts[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException(
            "scenario parameter must be key=value: '" + parts[i] + "' in " + spec);
      }
      params.put(parts[i].substring(0, eq).trim(), parts[i].substring(eq + 1).trim());
    }
    return inject(name, at, params);
  }

  /** Every injection so far, in injection order. */
  public List<InjectedScenario> injected() {
    List<InjectedScenario> all = new ArrayList<>();
    for (Injection injection : account.injections()) {
      all.add(view(injection));
    }
    return all;
  }

  /** Parses {@code 2024-11-13T10:00:00Z}, {@code ...+01:00} or {@code ...+0100}. */
  public static Instant parseTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text, NO_COLON_OFFSET).toInstant();
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException(
            "scenario time must be ISO-8601 with a zone, e.g. 2024-11-13T10:00:00Z: " + text, e);
      }
    }
  }

  private static InjectedScenario view(Injection injection) {
    List<InjectedScenario.Message> messages = new ArrayList<>();
    for (GeneratedMessage message : injection.messages()) {
      Email email = message.email();
      messages.add(
          new InjectedScenario.Message(
              email.simId(),
              email.aggregateId(),
              email.messageId(),
              email.receivedAt(),
              email.envelopeSender(),
              email.senderIp(),
              email.recipients(),
              email.subject()));
    }
    return new InjectedScenario(
        injection.id(),
        injection.type().specName(),
        injection.at(),
        injection.params(),
        injection.recordIds(),
        messages,
        injection.facts(),
        injection.completeAt());
  }
}
