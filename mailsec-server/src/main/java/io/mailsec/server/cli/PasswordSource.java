package io.mailsec.server.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where {@code users add} and {@code users passwd} take a password from: a file, an environment
 * variable, or (neither given) a prompt on the terminal, typed twice without echo. There is
 * deliberately no option taking the password itself: it would stay in shell history and be visible
 * to other users in the process list.
 */
final class PasswordSource {
  @Option(
      names = "--password-file",
      paramLabel = "PATH",
      description = "Read the password from this file (one trailing line break is ignored).")
  Path file;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Read the password from this environment variable.")
  String variable;

  /** The password; throws {@link IllegalArgumentException} with a message for the operator. */
  static String read(PasswordSource source, String user) {
    if (source != null && source.file != null) {
      return fromFile(source.file);
    }
    if (source != null && source.variable != null) {
      String value = System.getenv(source.variable);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(
            "environment variable " + source.variable + " is not set or empty");
      }
      return value;
    }
    return prompt(user);
  }

  private static String fromFile(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.endsWith("\n")) {
        text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
      }
      return text;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the password file " + file, e);
    }
  }

  private static String prompt(String user) {
    Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException(
          "no terminal to ask for the password; use --password-file PATH or --password-env VAR");
    }
    char[] first = console.readPassword("New password for %s: ", user);
    char[] second = console.readPassword("Repeat the password: ");
    try {
      if (first == null || second == null) {
        throw new IllegalArgumentException("no password entered");
      }
      if (!Arrays.equals(first, second)) {
        throw new IllegalArgumentException("the two passwords differ; nothing was changed");
      }
      return new String(first);
    } finally {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }
}
