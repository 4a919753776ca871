package io.mailsec.detect;

import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.Rule;
import io.mailsec.detect.rule.RuleException;
import io.mailsec.detect.rule.RuleLines;
import io.mailsec.detect.rule.RuleParser;
import io.mailsec.detect.rule.RuleProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a rule file's text the way loading it would, and more: format, query and fields against
 * the schemas, then the rule's own tests. Every problem found comes back with the file line it
 * concerns where that is known, for editors that point at it.
 */
public final class RuleValidation {
  private static final Pattern TEST_CASE = Pattern.compile("^(should(?:_not)?_match)(\\[\\d+])?");

  /** A problem and its 1-based line in the file (0 when the file as a whole is at fault). */
  public record Problem(String message, int line) {}

  /**
   * @param rule the rule compiled with the config (not with its test lists); null when invalid
   * @param problems empty exactly when {@code rule} is there
   */
  public record Result(CompiledRule rule, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private RuleValidation() {}

  public static Result check(String yaml, String origin, DetectionConfig config) {
    RuleLines lines = RuleLines.of(yaml);
    try {
      Rule rule = RuleParser.parse(yaml, origin);
      RuleTester.Result tests = RuleTester.test(rule, config);
      if (!tests.passed()) {
        List<Problem> problems = new ArrayList<>();
        for (String failure : tests.failures()) {
          Matcher m = TEST_CASE.matcher(failure);
          String key =
              m.find() ? "tests." + m.group(1) + (m.group(2) == null ? "" : m.group(2)) : "tests";
          problems.add(
              new Problem("tests: " + failure, lines.locate(RuleProblem.at(key, failure))));
        }
        return new Result(null, problems);
      }
      return new Result(CompiledRule.compile(rule, config, QueryLanguage.standard()), List.of());
    } catch (RuleException e) {
      List<Problem> problems = new ArrayList<>();
      for (RuleProblem p : e.located()) {
        problems.add(new Problem(p.message(), lines.locate(p)));
      }
      return new Result(null, problems);
    }
  }
}
