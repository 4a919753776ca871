package io.mailsec.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.detect.rule.Rule;
import io.mailsec.detect.rule.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every built-in rule parses, compiles, has should and should-not tests, and passes them. */
class BuiltInRulesTest {
  @Test
  void everyBuiltInRulePassesItsOwnTests() {
    List<Rule> rules = RuleSet.builtInRules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(20);
    List<String> failures = new ArrayList<>();
    for (Rule rule : rules) {
      assertThat(rule.shouldMatch()).as(rule.id() + " should_match").isNotEmpty();
      assertThat(rule.shouldNotMatch()).as(rule.id() + " should_not_match").isNotEmpty();
      RuleTester.Result result = RuleTester.test(rule, DetectionConfig.DEFAULTS);
      result.failures().forEach(f -> failures.add(rule.id() + ": " + f));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void theTestsCanFail() {
    // A rule whose should/should_not lists are swapped must fail: the tester is not vacuous.
    for (Rule rule : RuleSet.builtInRules()) {
      Rule swapped =
          new Rule(
              rule.id(),
              rule.name(),
              rule.description(),
              true,
              rule.query(),
              rule.severity(),
              rule.confidence(),
              rule.mitre(),
              rule.tags(),
              rule.groupBy(),
              rule.suppressFor(),
              rule.threshold(),
              rule.shouldNotMatch(),
              rule.shouldMatch(),
              rule.testLists(),
              rule.references(),
              rule.origin());
      assertThat(RuleTester.test(swapped, DetectionConfig.DEFAULTS).passed())
          .as(rule.id())
          .isFalse();
    }
  }

  @Test
  void indexListsEveryRuleFileAndIdsMatchFileNames() throws IOException {
    Path dir = Path.of("src/main/resources/rules");
    List<String> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .sorted()
              .toList();
    }
    assertThat(RuleSet.builtInFiles()).containsExactlyInAnyOrderElementsOf(files);
    for (Rule rule : RuleSet.builtInRules()) {
      assertThat(rule.origin()).isEqualTo("builtin:" + rule.id() + ".yaml");
    }
  }

  @Test
  void theWholePackLoadsWithDefaultConfig() {
    RuleSet set = RuleSet.load(DetectionConfig.DEFAULTS, null, Map.of());
    assertThat(set.enabled()).hasSameSizeAs(RuleSet.builtInRules());
  }
}
