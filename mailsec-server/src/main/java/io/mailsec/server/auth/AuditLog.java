package io.mailsec.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of administrative actions and log-ins: {@value #FILE_NAME} in the data directory,
 * one JSON object per line, only ever appended (each line is written and forced to disk before the
 * action's response is sent). Owner-only. Thread-safe within one process.
 */
public final class AuditLog {
  public static final String FILE_NAME = "audit.log";
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;

  public AuditLog(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  public synchronized void append(AuditEntry entry) {
    byte[] line;
    try {
      line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit entry is not serializable", e);
    }
    try {
      if (!Files.exists(file)) {
        createOwnerOnly();
      }
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit trail " + file, e);
    }
  }

  /** The newest {@code limit} entries, newest first. Lines that do not parse are skipped. */
  public synchronized List<AuditEntry> newest(int limit) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit trail " + file, e);
    }
    List<AuditEntry> out = new ArrayList<>();
    for (int i = lines.size() - 1; i >= 0 && out.size() < limit; i--) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(JSON.readValue(line, AuditEntry.class));
      } catch (JsonProcessingException e) {
        LOG.warn("skipping an unreadable line {} of {}", i + 1, file.getFileName());
      }
    }
    return Collections.unmodifiableList(out);
  }

  private void createOwnerOnly() throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // another writer created it; append to theirs
    }
  }
}
