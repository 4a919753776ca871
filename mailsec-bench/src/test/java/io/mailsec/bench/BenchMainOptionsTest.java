package io.mailsec.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchMainOptionsTest {
  @Test
  void readsValuesAndFlagsAfterTheSubcommand() {
    assertThat(
            BenchMain.options(
                new String[] {"query", "--reuse", "--events", "1_000", "--dir", "d"},
                Set.of("--reuse")))
        .containsExactly(
            new BenchMain.Option("--reuse", null),
            new BenchMain.Option("--events", "1_000"),
            new BenchMain.Option("--dir", "d"));
    assertThat(new BenchMain.Option("--events", "1_000").intValue()).isEqualTo(1000);
  }

  @Test
  void aMissingValueOrAStrayWordIsAClearErrorWithTheUsage() {
    assertThatThrownBy(() -> BenchMain.options(new String[] {"rules", "--events"}, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--events needs a value")
        .hasMessageContaining("usage:");
    assertThatThrownBy(() -> BenchMain.options(new String[] {"ingest", "fast"}, Set.of()))
        .hasMessageStartingWith("unexpected 'fast'");
    assertThat(new BenchMain.Option("--nope", "1").unknown())
        .hasMessageStartingWith("unknown option --nope");
  }
}
