package io.mailsec.server.auth;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates the first admin of an installation without users: user {@value #USERNAME} with the
 * password from {@value #PASSWORD_ENV} when set, otherwise a generated one that the caller shows
 * once (it is stored only hashed, so it cannot be shown again).
 */
public final class AdminBootstrap {
  public static final String USERNAME = "admin";
  public static final String PASSWORD_ENV = "MAILSEC_ADMIN_PASSWORD";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private AdminBootstrap() {}

  /** What happened at start. */
  public record Outcome(boolean created, Optional<String> generatedPassword) {
    static final Outcome NOTHING = new Outcome(false, Optional.empty());
  }

  /**
   * Creates the first admin when {@code users} is empty; does nothing otherwise.
   *
   * @param environment reads environment variables ({@code System::getenv} in production)
   * @throws InvalidInputException when the password from the environment is too short
   */
  public static Outcome ensureAdmin(UserStore users, Function<String, String> environment) {
    if (!users.isEmpty()) {
      return Outcome.NOTHING;
    }
    String fromEnv = environment.apply(PASSWORD_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      try {
        users.add(USERNAME, Role.ADMIN, fromEnv);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(
            PASSWORD_ENV, PASSWORD_ENV + ": " + e.fields().getOrDefault("password", "invalid"));
      }
      return new Outcome(true, Optional.empty());
    }
    String generated = generatePassword();
    users.add(USERNAME, Role.ADMIN, generated);
    return new Outcome(true, Optional.of(generated));
  }

  /** 20 characters from an unambiguous alphabet: about 116 bits. */
  public static String generatePassword() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
