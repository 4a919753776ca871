package io.mailsec.server.cli;

import io.mailsec.server.auth.AuditEntry;
import io.mailsec.server.auth.AuditLog;
import io.mailsec.server.auth.InvalidInputException;
import io.mailsec.server.auth.TokenStore;
import io.mailsec.server.auth.UserStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The data directory's users, tokens and audit trail as the {@code users} and {@code tokens}
 * commands use them: the same stores as the server, so its rules (unique names, password length,
 * the last admin stays) hold here too, and a running server sees the change on its next request.
 * Every change is audited with actor {@code cli:<os user>}.
 */
final class LocalAdmin {
  private final UserStore users;
  private final TokenStore tokens;
  private final AuditLog audit;
  private final Clock clock = Clock.systemUTC();

  LocalAdmin(Path dataDir) {
    this.users = new UserStore(dataDir);
    this.tokens = new TokenStore(dataDir, users, clock);
    this.audit = new AuditLog(dataDir);
  }

  UserStore users() {
    return users;
  }

  TokenStore tokens() {
    return tokens;
  }

  /** The audit actor of this process: the operating-system account that ran the command. */
  static String actor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  void audit(String action, String target, Map<String, Object> details) {
    audit.append(new AuditEntry(clock.instant(), actor(), action, target, "ok", null, details));
  }

  /**
   * Runs a change and turns the stores' refusals (bad input, unknown user) into one line on {@code
   * err} and exit code 2, like the other commands' validation errors.
   */
  static int run(PrintWriter err, Callable<Integer> change) throws Exception {
    try {
      return change.call();
    } catch (InvalidInputException e) {
      e.fields().forEach((field, problem) -> err.println("mailsec: " + field + ": " + problem));
      return 2;
    } catch (UserStore.UnknownUserException | NotFound e) {
      err.println("mailsec: " + e.getMessage());
      return 2;
    } finally {
      err.flush();
    }
  }

  /** A named thing the command was asked about does not exist. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }
}
