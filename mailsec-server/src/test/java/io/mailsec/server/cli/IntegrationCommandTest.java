package io.mailsec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrationCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dir.toString();
    return CliRun.of(all);
  }

  @Test
  void addListShowEditDisableRemove() throws Exception {
    CliRun add =
        run(
            "integration",
            "add",
            "--name",
            "Mimecast2.0Demo",
            "--api",
            "2.0",
            "--client-id",
            "abc",
            "--client-secret",
            "literal-secret-value",
            "--types",
            "siem,ttp-url",
            "--look-back",
            "3d");
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).contains("Saved integration mimecast2.0demo (enabled)");
    assertThat(Files.readString(dir.resolve("integrations.json")))
        .as("literal secrets are stored encrypted")
        .doesNotContain("literal-secret-value")
        .contains("enc:v1:");

    CliRun list = run("integration", "list");
    assertThat(list.out()).contains("mimecast2.0demo").contains("siem,ttp-url").contains("enabled");

    CliRun show = run("integration", "show", "MIMECAST2.0DEMO");
    assertThat(show.out())
        .contains("client secret")
        .contains("<encrypted>")
        .doesNotContain("literal-secret-value")
        .contains("3d");

    assertThat(run("integration", "edit", "mimecast2.0demo", "--types", "audit").exitCode())
        .isZero();
    assertThat(run("integration", "disable", "mimecast2.0demo").exitCode()).isZero();
    assertThat(run("integration", "list").out()).contains("audit").contains("disabled");

    assertThat(run("integration", "remove", "mimecast2.0demo").out()).contains("Removed");
    assertThat(run("integration", "list").out()).contains("No integrations yet");
  }

  @Test
  void invalidInputIsExplainedAndNothingIsSaved() {
    CliRun bad =
        run(
            "integration",
            "add",
            "--name",
            "x",
            "--api",
            "1.0",
            "--region",
            "uk",
            "--types",
            "siem");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .contains("Not saved")
        .contains("app-id: required")
        .contains("region: 'uk' has no API 1.0 host");
    assertThat(dir.resolve("integrations.json")).doesNotExist();
  }

  @Test
  void badValuesGiveOneLineErrorsNotStackTraces() {
    CliRun bad =
        run(
            "integration",
            "add",
            "--name",
            "x",
            "--api",
            "2.0",
            "--client-id",
            "a",
            "--client-secret",
            "env:S",
            "--types",
            "siem",
            "--look-back",
            "forever");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err())
        .startsWith("mailsec: 'forever' is not a duration")
        .doesNotContain("\tat ");

    CliRun unknownType =
        run(
            "integration",
            "add",
            "--name",
            "x",
            "--api",
            "2.0",
            "--client-id",
            "a",
            "--client-secret",
            "env:S",
            "--types",
            "siem,dlp");
    assertThat(unknownType.err()).contains("unknown data type 'dlp'");
  }

  @Test
  void unknownIntegrationIsReported() {
    CliRun show = run("integration", "show", "ghost");
    assertThat(show.exitCode()).isEqualTo(2);
    assertThat(show.err()).contains("No integration named 'ghost'");
  }
}
