package io.mailsec.server.collect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mailsec.server.config.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The running collector's stream health, published to {@value #FILE_NAME} in the data directory so
 * that {@code mailsec status} in another process can show it. Written atomically; a reader judges
 * freshness by {@link Snapshot#writtenAt()}.
 */
public final class HealthFile {
  public static final String FILE_NAME = "health.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What a collector process last published.
   *
   * @param writtenAt when it was written
   * @param pid the writing process
   * @param running false when the process wrote it on its way out
   * @param streams the health of each stream
   */
  public record Snapshot(
      Instant writtenAt, long pid, boolean running, List<StreamHealth> streams) {}

  private final Path file;

  public HealthFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  public void write(Snapshot snapshot) {
    JsonFiles.writeAtomically(file, JSON, snapshot);
  }

  public Optional<Snapshot> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Snapshot.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
