package io.mailsec.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What identifies one version of a data-directory file that is rewritten by rename: modification
 * time, size and file key (the inode). The modification time alone is not enough: two rewrites in
 * the same clock tick (coarse on many file systems) keep it, but every atomic rewrite is a new
 * file, so the key changes. Lets a long-running server see changes made by {@code mailsec users} or
 * {@code mailsec tokens} in another process.
 */
public record FileStamp(FileTime modified, long size, Object fileKey) {

  /** The stamp of {@code file}; empty when it does not exist. */
  public static Optional<FileStamp> of(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(new FileStamp(a.lastModifiedTime(), a.size(), a.fileKey()));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
  }
}
