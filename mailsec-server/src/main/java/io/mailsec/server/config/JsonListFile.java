package io.mailsec.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A data-directory file holding a JSON list of records that both the server and the {@code mailsec}
 * admin commands change (users, tokens, saved searches). Reads are cached until the file's {@link
 * FileStamp} changes, so a long-running server sees another process's changes on its next read.
 * Every change is read-modify-write under an exclusive lock on a sibling {@code .lock} file (across
 * processes) and a per-path lock (across threads and instances of this JVM), then written
 * atomically, so two writers never lose each other's change.
 */
public final class JsonListFile<T> {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);
  private static final Map<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

  private final Path file;
  private final JavaType type;
  private final Comparator<? super T> order;
  private List<T> cached = List.of();
  private FileStamp cachedAt;

  /**
   * The list in {@code file}, of {@code element} records, always returned sorted by {@code order}.
   */
  public JsonListFile(Path file, Class<T> element, Comparator<? super T> order) {
    this.file = file.toAbsolutePath().normalize();
    this.type = JSON.getTypeFactory().constructCollectionType(List.class, element);
    this.order = order;
  }

  public Path file() {
    return file;
  }

  /** The current records, sorted; empty when the file does not exist. */
  public synchronized List<T> read() {
    try {
      Optional<FileStamp> stamp = FileStamp.of(file);
      if (stamp.isEmpty()) {
        cached = List.of();
        cachedAt = null;
      } else if (!stamp.get().equals(cachedAt)) {
        List<T> all = new ArrayList<>(JSON.<List<T>>readValue(file.toFile(), type));
        all.sort(order);
        cached = List.copyOf(all);
        cachedAt = stamp.get();
      }
      return cached;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Applies {@code change} to a mutable copy of the freshest records, holding the writer locks, and
   * writes the list when the change altered it. Exceptions from {@code change} leave the file as it
   * was.
   */
  public <R> R update(Function<List<T>, R> change) {
    ReentrantLock local = WRITERS.computeIfAbsent(file, f -> new ReentrantLock());
    local.lock();
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
          FileChannel.open(
              file.resolveSibling("." + file.getFileName() + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE)) {
        channel.lock(); // released when the channel closes
        List<T> before = read();
        List<T> all = new ArrayList<>(before);
        R result = change.apply(all);
        if (!all.equals(before)) {
          JsonFiles.writeAtomically(file, JSON, all);
        }
        return result;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
    } finally {
      local.unlock();
    }
  }
}
