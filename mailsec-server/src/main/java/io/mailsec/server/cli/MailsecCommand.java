package io.mailsec.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailsec} command: entry point of the distribution. */
@Command(
    name = "mailsec",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Email-security analytics for Mimecast: collect, normalize, search, detect.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      CollectCommand.class,
      SearchCommand.class,
      SearchesCommand.class,
      StatusCommand.class,
      IntegrationCommand.class,
      UsersCommand.class,
      TokensCommand.class,
      SimulatorCommand.class,
      RulesCommand.class,
      AlertsCommand.class
    })
public final class MailsecCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line. Failures a user can fix (bad values, missing files, unreachable
   * services) print one clear line instead of a stack trace; set MAILSEC_DEBUG=1 to see the trace.
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new MailsecCommand());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("mailsec: " + describe(e));
          if (System.getenv("MAILSEC_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return 1;
        });
    return cli;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    boolean forUsers =
        e instanceof IllegalArgumentException
            || e instanceof java.io.UncheckedIOException
            || e instanceof io.mailsec.mimecast.client.MimecastApiException
            || e instanceof io.mailsec.server.secrets.SecretUnavailableException;
    if (forUsers && message != null && !message.isBlank()) {
      return message;
    }
    return "internal error ("
        + e.getClass().getSimpleName()
        + (message == null ? "" : ": " + message)
        + "); rerun with MAILSEC_DEBUG=1 for details and report it";
  }
}
