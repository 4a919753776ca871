package io.mailsec.server.config;

import java.util.List;

/** An integration failed validation; {@link #problems()} lists every problem, one per line. */
public final class InvalidIntegrationException extends RuntimeException {
  private final List<String> problems;

  public InvalidIntegrationException(List<String> problems) {
    super("invalid integration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
