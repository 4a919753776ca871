package io.mailsec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.server.auth.AuditEntry;
import io.mailsec.server.auth.AuditLog;
import io.mailsec.server.auth.Role;
import io.mailsec.server.auth.TokenStore;
import io.mailsec.server.auth.UserStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailsec users} and {@code mailsec tokens} on real files, checked through the stores. */
class UsersTokensCommandTest {
  private static final String ACTOR = "cli:" + System.getProperty("user.name");

  @TempDir Path dir;
  @TempDir Path scratch;

  private Path passwordFile(String name, String password) throws Exception {
    Path file = scratch.resolve(name + ".txt");
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dir.toString();
    return CliRun.of(all);
  }

  private UserStore users() {
    return new UserStore(dir);
  }

  @Test
  void addListRoleAndPasswordActOnTheServersFilesAndAreAudited() throws Exception {
    CliRun add =
        run(
            "users",
            "add",
            "Alice",
            "--role",
            "admin",
            "--password-file",
            passwordFile("a", "first password 1").toString());
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(users().authenticate("alice", "first password 1")).isPresent();
    assertThat(users().find("alice").orElseThrow().role()).isEqualTo(Role.ADMIN);
    String hashes = Files.readString(dir.resolve(UserStore.FILE_NAME));
    assertThat(hashes).doesNotContain("first password 1").contains("pbkdf2-sha256$");

    assertThat(
            run(
                    "users",
                    "add",
                    "bob",
                    "--role",
                    "viewer",
                    "--password-file",
                    passwordFile("b", "bobs password 22").toString())
                .exitCode())
        .isZero();
    CliRun list = run("users", "list");
    assertThat(list.out())
        .contains("USERNAME")
        .containsPattern("Alice +admin")
        .containsPattern("bob +viewer");
    assertThat(list.out()).doesNotContain("pbkdf2");

    assertThat(run("users", "role", "bob", "ANALYST").exitCode()).isZero();
    assertThat(users().find("bob").orElseThrow().role()).isEqualTo(Role.ANALYST);

    CliRun passwd =
        run(
            "users",
            "passwd",
            "BOB",
            "--password-file",
            passwordFile("c", "bobs new password").toString());
    assertThat(passwd.exitCode()).as(passwd.err()).isZero();
    assertThat(users().authenticate("bob", "bobs password 22")).isEmpty();
    assertThat(users().authenticate("bob", "bobs new password")).isPresent();

    List<AuditEntry> audit = new AuditLog(dir).newest(10);
    assertThat(audit).extracting(AuditEntry::actor).containsOnly(ACTOR);
    assertThat(audit)
        .extracting(e -> e.action() + " " + e.target())
        .containsExactly(
            "user.update bob", "user.update bob", "user.create bob", "user.create Alice");
    assertThat(audit.get(0).details()).containsEntry("changed", List.of("password"));
    assertThat(Files.readString(dir.resolve(AuditLog.FILE_NAME)))
        .doesNotContain("bobs new password")
        .doesNotContain("first password 1");
  }

  @Test
  void theServersRulesHoldAndRefusalsAreClearAndChangeNothing() throws Exception {
    Path pw = passwordFile("p", "a long enough password");
    assertThat(
            run("users", "add", "root", "--role", "admin", "--password-file", pw.toString())
                .exitCode())
        .isZero();
    byte[] before = Files.readAllBytes(dir.resolve(UserStore.FILE_NAME));

    CliRun last = run("users", "remove", "root");
    assertThat(last.exitCode()).isEqualTo(2);
    assertThat(last.err()).contains("the last admin cannot be removed");
    CliRun demote = run("users", "role", "root", "viewer");
    assertThat(demote.exitCode()).isEqualTo(2);
    assertThat(demote.err()).contains("the last admin cannot be demoted");
    CliRun taken =
        run("users", "add", "ROOT", "--role", "viewer", "--password-file", pw.toString());
    assertThat(taken.err()).contains("'ROOT' is taken");
    CliRun shortPw =
        run(
            "users",
            "add",
            "eve",
            "--role",
            "viewer",
            "--password-file",
            passwordFile("s", "short").toString());
    assertThat(shortPw.exitCode()).isEqualTo(2);
    assertThat(shortPw.err()).contains("password: between 12");
    CliRun badRole =
        run("users", "add", "eve", "--role", "owner", "--password-file", pw.toString());
    assertThat(badRole.err()).contains("role must be viewer, analyst or admin");
    CliRun unknown = run("users", "passwd", "nobody", "--password-file", pw.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no user named 'nobody'");
    assertThat(Files.readAllBytes(dir.resolve(UserStore.FILE_NAME))).isEqualTo(before);
    assertThat(new AuditLog(dir).newest(10)).hasSize(1);
  }

  @Test
  void passwordsNeverComeFromTheCommandLineItself() throws Exception {
    CliRun asArgument =
        run("users", "add", "eve", "--role", "viewer", "--password", "x".repeat(20));
    assertThat(asArgument.exitCode()).isEqualTo(2);
    assertThat(asArgument.err()).contains("Unknown option", "'--password'");

    CliRun noTerminal = run("users", "add", "eve", "--role", "viewer");
    assertThat(noTerminal.exitCode()).isNotZero();
    assertThat(noTerminal.err()).contains("no terminal", "--password-file", "--password-env");

    String unset = "MAILSEC_TEST_UNSET_" + Long.toHexString(System.nanoTime());
    CliRun noVar = run("users", "add", "eve", "--role", "viewer", "--password-env", unset);
    assertThat(noVar.err()).contains(unset + " is not set");

    CliRun both =
        run(
            "users",
            "add",
            "eve",
            "--role",
            "viewer",
            "--password-env",
            "X",
            "--password-file",
            passwordFile("x", "a long enough password").toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    assertThat(users().list()).isEmpty();
  }

  @Test
  void tokensAreShownOnceWorkUntilRevokedAndDieWithTheirUser() throws Exception {
    Path pw = passwordFile("t", "a long enough password");
    run("users", "add", "admin", "--role", "admin", "--password-file", pw.toString());
    run("users", "add", "splunk", "--role", "viewer", "--password-file", pw.toString());

    CliRun create = run("tokens", "create", "--user", "SPLUNK", "--name", "splunk export");
    assertThat(create.exitCode()).as(create.err()).isZero();
    Matcher value = Pattern.compile("(?m)^(mst_[A-Za-z0-9_-]{43})$").matcher(create.out());
    assertThat(value.find()).as(create.out()).isTrue();
    String token = value.group(1);
    UserStore users = users();
    TokenStore tokens = new TokenStore(dir, users, Clock.systemUTC());
    assertThat(tokens.authenticate(token)).map(p -> p.username()).contains("splunk");
    String id = tokens.list().get(0).id();

    CliRun list = run("tokens", "list");
    assertThat(list.out()).contains(id, "splunk export", "splunk").doesNotContain(token);
    assertThat(run("tokens", "list", "--user", "admin").out()).doesNotContain(id);
    assertThat(Files.readString(dir.resolve(TokenStore.FILE_NAME))).doesNotContain(token);
    assertThat(Files.readString(dir.resolve(AuditLog.FILE_NAME))).doesNotContain(token);

    assertThat(run("tokens", "create", "--user", "ghost", "--name", "x").err())
        .contains("no user named 'ghost'");
    assertThat(run("tokens", "revoke", "ffffffffffff").err()).contains("no token with id");

    CliRun revoke = run("tokens", "revoke", id);
    assertThat(revoke.exitCode()).isZero();
    assertThat(tokens.authenticate(token)).isEmpty();

    String second = lastLine(run("tokens", "create", "--user", "splunk", "--name", "again").out());
    assertThat(tokens.authenticate(second)).isPresent();
    CliRun remove = run("users", "remove", "splunk");
    assertThat(remove.out()).contains("revoked 1 API token");
    assertThat(tokens.authenticate(second)).isEmpty();
    assertThat(tokens.list()).isEmpty();
    assertThat(new AuditLog(dir).newest(3))
        .extracting(e -> e.action() + " " + e.actor())
        .containsExactly("user.delete " + ACTOR, "token.create " + ACTOR, "token.revoke " + ACTOR);
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
