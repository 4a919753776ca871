package io.mailsec.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's stores see changes another process (the {@code mailsec users}/{@code tokens} commands)
 * wrote to the same data directory, even when the rewrite keeps the modification time — as two
 * writes within one coarse clock tick do; the test forces that case.
 */
class CrossProcessReloadTest {
  @TempDir Path dir;

  private final PasswordHasher fastHasher = new PasswordHasher(1_000);

  @Test
  void userChangesFromAnotherProcessAreSeenEvenWithAnUnchangedModificationTime() throws Exception {
    UserStore server = new UserStore(dir, fastHasher, Clock.systemUTC());
    SessionManager sessions = new SessionManager(server);
    UserStore cli = new UserStore(dir, fastHasher, Clock.systemUTC());
    cli.add("root", Role.ADMIN, "root password 1");
    cli.add("ann", Role.VIEWER, "ann password 12");
    var annSession = sessions.create(server.find("ann").orElseThrow());
    Path file = dir.resolve(UserStore.FILE_NAME);

    SplittableRandom random = new SplittableRandom(7);
    Role expected = Role.VIEWER;
    for (int i = 0; i < 40; i++) {
      assertThat(server.find("ann").orElseThrow().role()).isEqualTo(expected);
      FileTime before = Files.getLastModifiedTime(file);
      Role next;
      do {
        next = Role.values()[random.nextInt(Role.values().length)];
      } while (next == expected);
      cli.setRole("ann", next);
      Files.setLastModifiedTime(file, before);
      expected = next;
      assertThat(server.find("ann").orElseThrow().role()).as("change %d", i).isEqualTo(expected);
      assertThat(sessions.resolve(annSession.id())).map(Principal::role).contains(expected);
    }

    FileTime before = Files.getLastModifiedTime(file);
    cli.setPassword("ann", "ann password 13");
    Files.setLastModifiedTime(file, before);
    assertThat(server.authenticate("ann", "ann password 13")).isPresent();
    assertThat(sessions.resolve(annSession.id())).as("sessions end on a new password").isEmpty();

    cli.remove("ann");
    assertThat(server.find("ann")).isEmpty();
    Files.delete(file);
    assertThat(server.list()).isEmpty();
  }

  @Test
  void tokensRevokedByAnotherProcessStopWorking() throws Exception {
    UserStore serverUsers = new UserStore(dir, fastHasher, Clock.systemUTC());
    TokenStore server = new TokenStore(dir, serverUsers, Clock.systemUTC());
    UserStore cliUsers = new UserStore(dir, fastHasher, Clock.systemUTC());
    TokenStore cli = new TokenStore(dir, cliUsers, Clock.systemUTC());
    cliUsers.add("bot", Role.ANALYST, "bot password 12");
    TokenStore.Issued kept = cli.create("bot", "kept");
    TokenStore.Issued revoked = cli.create("bot", "revoked");
    assertThat(server.authenticate(revoked.value())).isPresent();
    Path file = dir.resolve(TokenStore.FILE_NAME);
    FileTime before = Files.getLastModifiedTime(file);
    cli.revoke(revoked.token().id());
    Files.setLastModifiedTime(file, before);
    assertThat(server.authenticate(revoked.value())).isEmpty();
    assertThat(server.authenticate(kept.value())).map(Principal::role).contains(Role.ANALYST);

    cliUsers.setRole("bot", Role.VIEWER);
    assertThat(server.authenticate(kept.value())).map(Principal::role).contains(Role.VIEWER);
  }
}
