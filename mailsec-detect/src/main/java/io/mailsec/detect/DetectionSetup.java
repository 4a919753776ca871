package io.mailsec.detect;

import io.mailsec.detect.rule.RuleSet;
import java.util.Objects;

/**
 * The detection config and the rules compiled against it. They change together (the config's lists
 * are compiled into the rules' queries), so the engine swaps them as one.
 */
public record DetectionSetup(DetectionConfig config, RuleSet rules) {
  public DetectionSetup {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(rules, "rules");
  }
}
