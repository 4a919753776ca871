package io.mailsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.server.auth.Role;
import io.mailsec.server.cli.MailsecCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Admin recovery without the console: {@code mailsec users}/{@code tokens} run against the data
 * directory of a running server, and the server honours the change on its very next request.
 */
class AdminCliWhileServingTest {
  @TempDir Path root;
  @TempDir Path scratch;

  private String cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = root.toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new MailsecCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(all);
    assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
    return out.toString();
  }

  @Test
  void passwordRoleAndTokenChangesReachTheRunningServer() throws Exception {
    try (WebHarness web = new WebHarness(root)) {
      assertThat(web.get("/api/v1/auth/me", WebHarness.analyst()).status()).isEqualTo(200);
      assertThat(web.get("/api/v1/users", WebHarness.viewer()).status()).isEqualTo(403);
      String token = web.token(Role.VIEWER);
      assertThat(web.get("/api/v1/auth/me", new WebHarness.TokenOf(Role.VIEWER)).status())
          .isEqualTo(200);

      Path pw = scratch.resolve("pw");
      Files.writeString(pw, "recovered password 1\n");
      cli("users", "passwd", "analyst", "--password-file", pw.toString());
      assertThat(web.get("/api/v1/auth/me", WebHarness.analyst()).status())
          .as("the old session ended")
          .isEqualTo(401);
      web.loginAs("analyst", "recovered password 1");

      cli("users", "role", "viewer", "admin");
      assertThat(web.get("/api/v1/users", WebHarness.viewer()).status()).isEqualTo(200);

      String id =
          web.server.tokens().list().stream()
              .filter(t -> t.ownedBy("viewer"))
              .findFirst()
              .orElseThrow()
              .id();
      assertThat(cli("tokens", "list")).contains(id).doesNotContain(token);
      cli("tokens", "revoke", id);
      assertThat(web.get("/api/v1/auth/me", new WebHarness.TokenOf(Role.VIEWER)).status())
          .isEqualTo(401);

      String audit = web.get("/api/v1/audit", WebHarness.admin()).body();
      assertThat(audit)
          .contains("\"actor\":\"cli:" + System.getProperty("user.name") + "\"")
          .contains("token.revoke")
          .doesNotContain("recovered password 1");
    }
  }
}
