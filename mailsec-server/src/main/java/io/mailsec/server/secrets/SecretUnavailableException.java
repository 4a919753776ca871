package io.mailsec.server.secrets;

/** A credential could not be resolved; the message says what an operator should fix. */
public final class SecretUnavailableException extends RuntimeException {
  public SecretUnavailableException(String message) {
    super(message);
  }

  public SecretUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
