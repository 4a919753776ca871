package io.mailsec.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/schema.md} equal to what the registry generates. After changing the registry,
 * regenerate with {@code ./mvnw -pl mailsec-core test -Dtest=SchemaDocTest
 * -Dmailsec.regenerate=true} and review the diff.
 */
class SchemaDocTest {
  // Surefire runs tests in the module directory; the docs live at the repository root.
  private static final Path DOC = Path.of("..", "docs", "schema.md");

  @Test
  void docsMatchTheRegistry() throws IOException {
    String generated = SchemaMarkdown.render(SchemaRegistry.standard());
    if (Boolean.getBoolean("mailsec.regenerate")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    String onDisk = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
    assertThat(firstDifference(onDisk, generated))
        .as(
            "docs/schema.md is out of date with SchemaRegistry; regenerate it with"
                + " ./mvnw -pl mailsec-core test -Dtest=SchemaDocTest -Dmailsec.regenerate=true")
        .isEmpty();
  }

  /** Empty when equal, else the first differing line of both texts. */
  private static String firstDifference(String onDisk, String generated) {
    String[] a = onDisk.split("\n", -1);
    String[] b = generated.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String left = i < a.length ? a[i] : "<end of file>";
      String right = i < b.length ? b[i] : "<end of file>";
      if (!left.equals(right)) {
        return "line " + (i + 1) + ":\n  on disk:   " + left + "\n  generated: " + right;
      }
    }
    return "";
  }

  @Test
  void everySchemaAndFieldIsDocumented() {
    String md = SchemaMarkdown.render(SchemaRegistry.standard());
    for (Schema schema : SchemaRegistry.standard().schemas()) {
      assertThat(md).contains("## `" + schema.name() + "`");
      schema.fields().forEach(f -> assertThat(md).contains("| `" + f.name() + "` |"));
    }
  }
}
