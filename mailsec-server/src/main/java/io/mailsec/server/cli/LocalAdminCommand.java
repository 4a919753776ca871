package io.mailsec.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * A {@code users} or {@code tokens} subcommand working on the data directory's files: refusals
 * become one line on stderr and exit code 2 (see {@link LocalAdmin#run}).
 */
abstract class LocalAdminCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    LocalAdmin admin = new LocalAdmin(data.resolve());
    PrintWriter out = spec.commandLine().getOut();
    try {
      return LocalAdmin.run(spec.commandLine().getErr(), () -> change(admin, out));
    } finally {
      out.flush();
    }
  }

  /** Does the work (a change or a listing), prints the outcome, and returns the exit code. */
  abstract int change(LocalAdmin admin, PrintWriter out) throws Exception;
}
