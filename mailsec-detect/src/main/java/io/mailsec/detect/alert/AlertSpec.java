package io.mailsec.detect.alert;

import io.mailsec.detect.rule.Rule;
import io.mailsec.detect.rule.Severity;
import java.util.List;

/**
 * What an alert says about its origin: the rule (or built-in detector) and its metadata.
 *
 * @param kind the alert's {@code event_type}: {@code rule}, {@code indicator_match}, {@code
 *     lookalike_domain} or {@code stream_health}
 * @param grouped whether the group key is worth showing in the title (false when it is an event id)
 */
public record AlertSpec(
    String ruleId,
    String ruleName,
    String description,
    Severity severity,
    int confidence,
    List<String> mitre,
    List<String> tags,
    String kind,
    boolean grouped) {
  public AlertSpec {
    mitre = List.copyOf(mitre);
    tags = List.copyOf(tags);
  }

  public static AlertSpec of(Rule rule) {
    return new AlertSpec(
        rule.id(),
        rule.name(),
        rule.description(),
        rule.severity(),
        rule.confidence(),
        rule.mitre(),
        rule.tags(),
        "rule",
        !rule.groupBy().isEmpty());
  }
}
