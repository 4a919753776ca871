package io.mailsec.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.detect.RuleValidation.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Rule files checked for an editor: every problem with the line it concerns. */
class RuleValidationTest {
  private static final String GOOD =
      "id: my-rule\n"
          + "name: Mine\n"
          + "severity: low\n"
          + "query: FROM email WHERE subject CONTAINS 'x'\n"
          + "tests:\n"
          + "  should_match:\n"
          + "    - {schema: email, fields: {subject: xyz}}\n"
          + "  should_not_match:\n"
          + "    - {schema: email, fields: {subject: abc}}\n";

  private static RuleValidation.Result check(String yaml) {
    return RuleValidation.check(yaml, "editor", DetectionConfig.DEFAULTS);
  }

  @Test
  void aGoodRuleCompiles() {
    RuleValidation.Result result = check(GOOD);
    assertThat(result.valid()).isTrue();
    assertThat(result.rule().id()).isEqualTo("my-rule");
  }

  @Test
  void shapeProblemsNameTheirKeysLine() {
    RuleValidation.Result result =
        check(GOOD.replace("severity: low\n", "severity: urgent\nconfidnce: 3\n"));
    assertThat(result.problems()).extracting(Problem::line).containsExactlyInAnyOrder(3, 4);
    assertThat(result.problems()).anySatisfy(p -> assertThat(p.message()).contains("confidnce"));
  }

  @Test
  void aQueryErrorPointsIntoTheQueryEvenInABlockScalar() {
    RuleValidation.Result plain = check(GOOD.replace("CONTAINS 'x'", "CONTAINZ 'x'"));
    assertThat(plain.problems()).singleElement().extracting(Problem::line).isEqualTo(4);
    String block =
        GOOD.replace(
            "query: FROM email WHERE subject CONTAINS 'x'\n",
            "query: |\n  FROM email\n  WHERE subject CONTAINZ 'x'\n");
    assertThat(check(block).problems()).singleElement().extracting(Problem::line).isEqualTo(6);
  }

  @Test
  void aFailingTestCasePointsAtTheCase() {
    RuleValidation.Result result = check(GOOD.replace("subject: abc", "subject: xabc"));
    assertThat(result.problems()).singleElement().extracting(Problem::line).isEqualTo(9);
    assertThat(result.problems().get(0).message()).contains("should_not_match[0]");
  }

  @Test
  void aYamlSyntaxErrorHasItsLine() {
    RuleValidation.Result result = check(GOOD.replace("name: Mine\n", "name: Mine\n  oops: x\n"));
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).startsWith("not valid YAML");
              assertThat(p.line()).isEqualTo(3);
            });
  }

  @Test
  void ruleFileNamesNeverLeaveTheRulesDirectory() {
    RuleFiles files = new RuleFiles(Path.of("data"));
    assertThat(files.fileFor("my-rule")).isEqualTo(Path.of("data", "rules", "my-rule.yaml"));
    for (String bad : new String[] {"../x", "a/b", "..", "A-Rule", "x", "-x", "a\u0000b", ""}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.fileFor(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(files.customFile("../secret.yaml")).isEmpty();
    assertThat(files.customFile("builtin:x.yaml")).isEmpty();
  }
}
