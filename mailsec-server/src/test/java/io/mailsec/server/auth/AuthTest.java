package io.mailsec.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

  @Test
  void passwordsAreStoredOnlyAsSaltedPbkdf2Hashes() throws Exception {
    PasswordHasher hasher = new PasswordHasher();
    String a = hasher.hash("a long passphrase 1");
    String b = hasher.hash("a long passphrase 1");
    assertThat(a).startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$").isNotEqualTo(b);
    assertThat(hasher.verify("a long passphrase 1", a)).isTrue();
    assertThat(hasher.verify("a long passphrase 2", a)).isFalse();
    assertThat(hasher.verify("a long passphrase 1", "garbage")).isFalse();
    assertThat(PasswordHasher.ITERATIONS).isGreaterThanOrEqualTo(310_000);

    UserStore users = new UserStore(dir, hasher, clock);
    users.add("alice", Role.ANALYST, "alice's secret words");
    String file = Files.readString(dir.resolve(UserStore.FILE_NAME));
    assertThat(file).contains("alice").doesNotContain("alice's secret words");
    assertThat(users.authenticate("ALICE", "alice's secret words")).isPresent();
    assertThat(users.authenticate("alice", "wrong words entirely")).isEmpty();
    assertThat(users.authenticate("bob", "alice's secret words")).isEmpty();
    assertThatThrownBy(() -> users.add("alice", Role.VIEWER, "another password"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> users.add("carol", Role.VIEWER, "short"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void theLastAdminCannotBeRemovedOrDemoted() {
    UserStore users = new UserStore(dir, new PasswordHasher(), clock);
    users.add("root", Role.ADMIN, "root password 123");
    assertThatThrownBy(() -> users.remove("root")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> users.setRole("root", Role.VIEWER))
        .isInstanceOf(InvalidInputException.class);
    users.add("second", Role.ADMIN, "second password 1");
    assertThat(users.remove("root")).isTrue();
  }

  @Test
  void firstAdminFromTheEnvironmentOrGenerated() {
    UserStore fromEnv = new UserStore(dir.resolve("a"), new PasswordHasher(), clock);
    var outcome =
        AdminBootstrap.ensureAdmin(
            fromEnv, Map.of(AdminBootstrap.PASSWORD_ENV, "env admin password")::get);
    assertThat(outcome.created()).isTrue();
    assertThat(outcome.generatedPassword()).isEmpty();
    assertThat(fromEnv.authenticate("admin", "env admin password")).isPresent();
    assertThat(AdminBootstrap.ensureAdmin(fromEnv, Map.<String, String>of()::get).created())
        .isFalse();

    UserStore generated = new UserStore(dir.resolve("b"), new PasswordHasher(), clock);
    var made = AdminBootstrap.ensureAdmin(generated, Map.<String, String>of()::get);
    assertThat(made.generatedPassword()).hasValueSatisfying(p -> assertThat(p).hasSize(20));
    assertThat(generated.authenticate("admin", made.generatedPassword().get())).isPresent();
    assertThat(generated.find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);

    UserStore tooShort = new UserStore(dir.resolve("c"), new PasswordHasher(), clock);
    assertThatThrownBy(
            () ->
                AdminBootstrap.ensureAdmin(
                    tooShort, Map.of(AdminBootstrap.PASSWORD_ENV, "short")::get))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void sessionsExpireWhenIdleAndAtTheAbsoluteLimitAndOnPasswordChange() {
    UserStore users = new UserStore(dir, new PasswordHasher(), clock);
    User user = users.add("dave", Role.VIEWER, "dave's password 1");
    SessionManager sessions =
        new SessionManager(users, clock, Duration.ofMinutes(30), Duration.ofHours(2));
    String id = sessions.create(user).id();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(29));
      assertThat(sessions.resolve(id)).isPresent();
    }
    clock.advance(Duration.ofMinutes(30));
    assertThat(sessions.resolve(id)).as("idle").isEmpty();

    String fresh = sessions.create(user).id();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(29));
      assertThat(sessions.resolve(fresh)).isPresent();
    }
    clock.advance(Duration.ofMinutes(5));
    assertThat(sessions.resolve(fresh)).as("absolute").isEmpty();

    String third = sessions.create(user).id();
    clock.advance(Duration.ofSeconds(1));
    users.setPassword("dave", "a brand new password");
    assertThat(sessions.resolve(third)).as("password changed").isEmpty();
    assertThat(sessions.resolve("forged")).isEmpty();
  }

  @Test
  void throttleBlocksAfterFailuresPerUserAndPerAddress() {
    LoginThrottle throttle = new LoginThrottle(clock, 3, 5, Duration.ofMinutes(10));
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.blockedFor("eve", "10.0.0.1")).isEmpty();
      throttle.recordFailure("eve", "10.0.0.1");
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(throttle.blockedFor("EVE", "10.0.0.2"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(Duration.ofMinutes(7)));
    clock.advance(Duration.ofMinutes(7));
    assertThat(throttle.blockedFor("eve", "10.0.0.2")).isEmpty();

    for (int i = 0; i < 5; i++) {
      throttle.recordFailure("user" + i, "10.0.0.9");
    }
    assertThat(throttle.blockedFor("someone-else", "10.0.0.9")).isPresent();
    assertThat(throttle.blockedFor("someone-else", "10.0.0.8")).isEmpty();
    throttle.recordSuccess("eve");
    assertThat(throttle.blockedFor("eve", "10.0.0.3")).isEmpty();
  }

  @Test
  void tokensAreStoredHashedAndRevocable() throws Exception {
    UserStore users = new UserStore(dir, new PasswordHasher(), clock);
    users.add("frank", Role.ANALYST, "frank's password");
    TokenStore tokens = new TokenStore(dir, users, clock);
    TokenStore.Issued issued = tokens.create("frank", "splunk");
    assertThat(issued.value()).startsWith("mst_").hasSizeGreaterThan(40);
    assertThat(Files.readString(dir.resolve(TokenStore.FILE_NAME))).doesNotContain(issued.value());
    assertThat(tokens.authenticate(issued.value()))
        .hasValueSatisfying(p -> assertThat(p.role()).isEqualTo(Role.ANALYST));
    assertThat(tokens.authenticate(issued.value() + "x")).isEmpty();
    assertThat(tokens.revoke(issued.token().id())).isTrue();
    assertThat(tokens.authenticate(issued.value())).isEmpty();

    TokenStore.Issued second = tokens.create("frank", "other");
    users.add("admin2", Role.ADMIN, "admin2 password");
    users.remove("frank");
    assertThat(tokens.authenticate(second.value())).as("owner removed").isEmpty();
  }

  @Test
  void auditTrailIsAppendOnlyJsonLinesNewestFirst() throws Exception {
    AuditLog audit = new AuditLog(dir);
    audit.append(
        new AuditEntry(clock.instant(), "a", "user.create", "b", "ok", "127.0.0.1", Map.of()));
    clock.advance(Duration.ofSeconds(1));
    audit.append(new AuditEntry(clock.instant(), "a", "user.delete", "b", "ok", "127.0.0.1", null));
    assertThat(Files.readAllLines(dir.resolve(AuditLog.FILE_NAME))).hasSize(2);
    assertThat(audit.newest(10))
        .extracting(AuditEntry::action)
        .containsExactly("user.delete", "user.create");
    assertThat(audit.newest(1)).hasSize(1);
  }
}
