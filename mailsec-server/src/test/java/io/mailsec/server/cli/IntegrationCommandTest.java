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
            "siem,archive");
    assertThat(unknownType.err()).contains("unknown data type 'archive'");
  }

  @Test
  void unknownIntegrationIsReported() {
    CliRun show = run("integration", "show", "ghost");
    assertThat(show.exitCode()).isEqualTo(2);
    assertThat(show.err()).contains("No integration named 'ghost'");
  }

  @Test
  void api1KeysAreCheckedForShapeAndTheAccessKeyIsStoredEncrypted() throws Exception {
    String accessKey = "mYtOL3XZCOwG96BOiFTZRmDCv8vAccessKeyForTheTest_0123456789";
    String[] common = {
      "integration",
      "add",
      "--name",
      "Legacy",
      "--api",
      "1.0",
      "--region",
      "eu",
      "--app-key",
      "env:MC_APP_KEY",
      "--access-key",
      accessKey,
      "--secret-key",
      "env:MC_SECRET_KEY",
      "--types",
      "siem"
    };
    CliRun wrongId = run(concat(common, "--app-id", "my-mimecast-app"));
    assertThat(wrongId.exitCode()).isEqualTo(2);
    assertThat(wrongId.err())
        .contains("app-id: Mimecast application ids are GUIDs")
        .contains("Administration › Services › API Applications");
    assertThat(dir.resolve("integrations.json")).doesNotExist();

    CliRun ok = run(concat(common, "--app-id", "8578fcfc-a305-4d9a-99cb-f4d5ecefe297"));
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(Files.readString(dir.resolve("integrations.json")))
        .doesNotContain(accessKey)
        .contains("\"accessKey\" : \"enc:v1:");
    assertThat(run("integration", "show", "legacy").out())
        .containsPattern("access key +<encrypted>")
        .doesNotContain(accessKey);
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
