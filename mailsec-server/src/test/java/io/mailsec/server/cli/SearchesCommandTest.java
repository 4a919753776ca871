package io.mailsec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchesCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dir.toString();
    return CliRun.of(all);
  }

  @Test
  void saveListReplaceAndRemove() {
    CliRun save = run("searches", "save", "Delivered", "FROM email WHERE status = 'delivered'");
    assertThat(save.exitCode()).as(save.err()).isZero();
    assertThat(run("searches", "save", "delivered", "FROM email WHERE status = 'held'").exitCode())
        .isZero();

    CliRun list = run("searches", "list");
    assertThat(list.out()).contains("status = 'held'").doesNotContain("'delivered'");

    assertThat(run("searches", "remove", "DELIVERED").exitCode()).isZero();
    assertThat(run("searches", "list").out()).contains("No saved searches");
    assertThat(run("searches", "remove", "DELIVERED").exitCode()).isEqualTo(2);
  }

  @Test
  void anInvalidQueryIsNotSavedAndShowsWhere() {
    CliRun bad = run("searches", "save", "Typo", "FROM email WHERE statu = 'x'");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("1:18").contains("did you mean status");
    assertThat(run("searches", "list").out()).contains("No saved searches");
  }

  @Test
  void searchRunsASavedSearchByName() {
    run("searches", "save", "Held", "FROM email WHERE status = 'held'");
    CliRun explain = run("search", "--saved", "held", "--explain");
    assertThat(explain.exitCode()).as(explain.err()).isZero();
    assertThat(explain.out()).containsIgnoringCase("status = 'held'");
    assertThat(run("search", "--saved", "nope").err()).contains("No saved search named 'nope'");
    assertThat(run("search", "--saved", "held", "FROM email").exitCode()).isEqualTo(2);
  }
}
