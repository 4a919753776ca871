package io.mailsec.detect.rule;

import io.mailsec.core.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A detection rule as written in a rule file (see docs/detections.md): metadata, the query that
 * selects matching events, how matches are grouped into alerts, and the rule's own tests.
 *
 * @param id stable identifier, lower-case letters, digits and dashes; part of every alert's id
 * @param query the search language; time directives are ignored when streaming, and {@code $name}
 *     refers to a list of the detection config
 * @param confidence 0-100
 * @param mitre MITRE ATT&CK technique ids
 * @param groupBy fields whose values form the group key; empty means one group per event
 * @param suppressFor one alert per group key per this window; later matches in the window are
 *     counted on that alert
 * @param threshold null for a rule that fires on every match
 * @param shouldMatch test events that must match (for a threshold rule: together raise one alert)
 * @param shouldNotMatch test events that must not (together raise none)
 * @param testLists detection-config lists the tests run with (e.g. a sample finance_recipients)
 * @param origin where the rule came from: {@code builtin} or the file name, for messages
 */
public record Rule(
    String id,
    String name,
    String description,
    boolean enabled,
    String query,
    Severity severity,
    int confidence,
    List<String> mitre,
    List<String> tags,
    List<String> groupBy,
    Duration suppressFor,
    Threshold threshold,
    List<Event> shouldMatch,
    List<Event> shouldNotMatch,
    Map<String, List<String>> testLists,
    List<String> references,
    String origin) {
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(suppressFor, "suppressFor");
    description = description == null ? "" : description;
    mitre = List.copyOf(mitre);
    tags = List.copyOf(tags);
    groupBy = List.copyOf(groupBy);
    shouldMatch = List.copyOf(shouldMatch);
    shouldNotMatch = List.copyOf(shouldNotMatch);
    testLists = Map.copyOf(testLists);
    references = List.copyOf(references);
  }

  /** The same rule, enabled or disabled. */
  public Rule withEnabled(boolean on) {
    return new Rule(
        id,
        name,
        description,
        on,
        query,
        severity,
        confidence,
        mitre,
        tags,
        groupBy,
        suppressFor,
        threshold,
        shouldMatch,
        shouldNotMatch,
        testLists,
        references,
        origin);
  }
}
