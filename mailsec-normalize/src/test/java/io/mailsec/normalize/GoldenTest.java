package io.mailsec.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.schema.SchemaRegistry;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares the normalizer's output for every golden case with its reviewed expected file, field by
 * field. After an intended change, rewrite the expected files with {@code ./mvnw -pl
 * mailsec-normalize -am test -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmailsec.golden.rewrite=true} and review every changed line before committing.
 */
class GoldenTest {
  private static final boolean REWRITE = Boolean.getBoolean(GoldenFiles.REWRITE_PROPERTY);

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesItsExpectedOutput() {
    return GoldenFiles.cases().stream()
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
  }

  private static void check(GoldenFiles.Case c) {
    JsonNode actual = GoldenFiles.run(c);
    if (REWRITE) {
      GoldenFiles.writeExpected(c, actual);
      return;
    }
    if (!Files.exists(c.expected())) {
      fail(
          "%s has no expected file; create it with -D%s=true and review it line by line",
          c, GoldenFiles.REWRITE_PROPERTY);
    }
    String diff = GoldenFiles.diff(GoldenFiles.readExpected(c), actual);
    if (!diff.isEmpty()) {
      fail(
          "%s differs from %s:%n%sIf the change is intended, rerun with -D%s=true and review the"
              + " rewritten file.",
          c, c.expected().getFileName(), diff, GoldenFiles.REWRITE_PROPERTY);
    }
  }

  @Test
  void thereAreGoldenCasesForEveryFamily() {
    assertThat(GoldenFiles.cases())
        .extracting(GoldenFiles.Case::family)
        .contains(
            "siem-v1",
            "siem-v1-kv",
            "siem-v2",
            "siem-v2-stream",
            "ttp",
            "dlp",
            "ti",
            "audit",
            "quirks",
            "quarantine");
  }

  @Test
  void everyGoldenEventPassesTheSchemaValidatorAndRoundTripsThroughJson() {
    SchemaRegistry registry = SchemaRegistry.standard();
    for (GoldenFiles.Case c : GoldenFiles.cases()) {
      for (JsonNode event : GoldenFiles.run(c).get("events")) {
        var parsed = EventJson.fromTree(event, registry);
        assertThat(registry.validate(parsed)).as(c.toString()).isEmpty();
        assertThat(EventJson.toTree(parsed)).as(c.toString()).isEqualTo(event);
      }
    }
  }

  @Test
  void quarantineHappensExactlyInTheCasesMeantForIt() {
    for (GoldenFiles.Case c : GoldenFiles.cases()) {
      int quarantined = GoldenFiles.run(c).get("quarantined").size();
      boolean meant = c.family().equals("quarantine") || c.name().contains("quarantine");
      assertThat(quarantined > 0)
          .as("%s quarantined %d record(s)", c, quarantined)
          .isEqualTo(meant);
    }
  }
}
