package io.mailsec.core.schema;

/**
 * One way an event breaks its schema.
 *
 * @param path dotted field path (without list positions), or empty for the event as a whole
 * @param message what is wrong, e.g. {@code unknown field}
 */
public record Violation(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
