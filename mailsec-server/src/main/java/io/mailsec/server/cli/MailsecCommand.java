package io.mailsec.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailsec} command: entry point of the distribution. */
@Command(
    name = "mailsec",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Email-security analytics for Mimecast: collect, normalize, search, detect.")
public final class MailsecCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new MailsecCommand()).execute(args));
  }
}
