package io.mailsec.server.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar manifest (or "development" when run from classes). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = MailsecCommand.class.getPackage().getImplementationVersion();
    return new String[] {"mailsec " + (version == null ? "development" : version)};
  }
}
