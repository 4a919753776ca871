package io.mailsec.detect.rule;

import java.util.List;

/** A rule file that cannot be used, with every problem found, each naming the file. */
public final class RuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<RuleProblem> located;

  public RuleException(String origin, List<String> problems) {
    this(problems.stream().map(p -> new RuleProblem(p, null, 0)).toList(), origin);
  }

  private RuleException(List<RuleProblem> located, String origin) {
    super(origin + ": " + String.join("; ", located.stream().map(RuleProblem::message).toList()));
    this.located = List.copyOf(located);
  }

  /** A failure whose problems know the YAML key (and maybe line) they concern. */
  public static RuleException located(String origin, List<RuleProblem> problems) {
    return new RuleException(problems, origin);
  }

  public List<String> problems() {
    return located.stream().map(RuleProblem::message).toList();
  }

  /** The problems with the key and line each concerns, where known. */
  public List<RuleProblem> located() {
    return located;
  }
}
