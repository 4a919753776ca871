package io.mailsec.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writing the data directory's small JSON files so a crash never leaves a torn file. */
public final class JsonFiles {
  private JsonFiles() {}

  /**
   * Writes {@code value} to a temporary file in the same directory (owner-only where the file
   * system supports it), then renames it over {@code file}: readers see the old or the new content,
   * never a mix.
   */
  public static void writeAtomically(Path file, ObjectMapper mapper, Object value) {
    try {
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on file systems without POSIX permissions
      }
      mapper.writeValue(temp.toFile(), value);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
