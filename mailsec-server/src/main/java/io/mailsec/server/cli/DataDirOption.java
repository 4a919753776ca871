package io.mailsec.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by every command that reads or writes state. */
final class DataDirOption {
  static final String ENV = "MAILSEC_DATA_DIR";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory holding the configuration, the key file and the event store "
              + "(default: $MAILSEC_DATA_DIR or ./data).")
  Path dataDir;

  Path resolve() {
    if (dataDir != null) {
      return dataDir;
    }
    String fromEnv = System.getenv(ENV);
    return Path.of(fromEnv == null || fromEnv.isBlank() ? "data" : fromEnv);
  }
}
