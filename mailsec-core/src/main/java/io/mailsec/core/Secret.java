package io.mailsec.core;

import java.util.Objects;

/**
 * A credential value (client secret, application key, secret key). Its {@link #toString()} never
 * reveals the value, so a secret that ends up in a log line, an exception message or a JSON
 * response by accident shows only a mask. Call {@link #reveal()} exactly where the value is used
 * (signing a request, a token call) and nowhere else.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret value itself. */
  public String reveal() {
    return value;
  }

  /** A mask that keeps at most the last four characters, e.g. {@code ****f3a9}. */
  public String masked() {
    return value.length() <= 8 ? "****" : "****" + value.substring(value.length() - 4);
  }

  @Override
  public String toString() {
    return masked();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
