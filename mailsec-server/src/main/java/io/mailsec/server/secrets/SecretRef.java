package io.mailsec.server.secrets;

import java.util.Objects;

/**
 * How a credential is kept in the configuration: as a reference to an environment variable ({@code
 * env:NAME}) or a file ({@code file:PATH}) that is read when the value is needed, or as a value
 * encrypted at rest ({@code enc:v1:...}). The configuration file never holds a secret in clear.
 *
 * <p>{@link #toString()} is safe to print: references show where the value comes from, encrypted
 * values show only {@code <encrypted>}.
 */
public sealed interface SecretRef {

  /** The form stored in the configuration file. */
  String stored();

  /** Parses the stored form; throws {@link IllegalArgumentException} naming the accepted forms. */
  static SecretRef parse(String stored) {
    Objects.requireNonNull(stored, "stored");
    if (stored.startsWith(EnvRef.PREFIX) && stored.length() > EnvRef.PREFIX.length()) {
      return new EnvRef(stored.substring(EnvRef.PREFIX.length()));
    }
    if (stored.startsWith(FileRef.PREFIX) && stored.length() > FileRef.PREFIX.length()) {
      return new FileRef(stored.substring(FileRef.PREFIX.length()));
    }
    if (stored.startsWith(Encrypted.PREFIX) && stored.length() > Encrypted.PREFIX.length()) {
      return new Encrypted(stored.substring(Encrypted.PREFIX.length()));
    }
    throw new IllegalArgumentException(
        "a stored secret must be env:NAME, file:PATH or an encrypted value (enc:v1:...)");
  }

  /** The value is read from an environment variable each time it is needed. */
  record EnvRef(String variable) implements SecretRef {
    static final String PREFIX = "env:";

    public EnvRef {
      if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            "'" + variable + "' is not a valid environment variable name");
      }
    }

    @Override
    public String stored() {
      return PREFIX + variable;
    }

    @Override
    public String toString() {
      return stored();
    }
  }

  /** The value is the content of a file (trailing newline removed), read when needed. */
  record FileRef(String path) implements SecretRef {
    static final String PREFIX = "file:";

    @Override
    public String stored() {
      return PREFIX + path;
    }

    @Override
    public String toString() {
      return stored();
    }
  }

  /** The value encrypted with the installation's master key (see {@link SecretVault}). */
  record Encrypted(String payload) implements SecretRef {
    static final String PREFIX = "enc:v1:";

    @Override
    public String stored() {
      return PREFIX + payload;
    }

    @Override
    public String toString() {
      return "<encrypted>";
    }
  }
}
