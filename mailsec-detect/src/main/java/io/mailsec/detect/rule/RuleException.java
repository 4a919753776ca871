package io.mailsec.detect.rule;

import java.util.List;

/** A rule file that cannot be used, with every problem found, each naming the file. */
public final class RuleException extends RuntimeException {
  private final List<String> problems;

  public RuleException(String origin, List<String> problems) {
    super(origin + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
