package io.mailsec.server.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mailsec.core.ql.SavedSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Saved searches of a data directory, in {@value #FILE_NAME}. Names are unique without regard to
 * case; saving a name again replaces its query and keeps its creation time.
 */
public final class SavedSearchRepository {
  public static final String FILE_NAME = "saved-searches.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public SavedSearchRepository(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  /** All saved searches, by name. */
  public synchronized List<SavedSearch> list() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<SavedSearch> all =
          new ArrayList<>(JSON.readValue(file.toFile(), new TypeReference<>() {}));
      all.sort(Comparator.comparing(s -> key(s.name())));
      return List.copyOf(all);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public Optional<SavedSearch> find(String name) {
    return list().stream().filter(s -> key(s.name()).equals(key(name))).findFirst();
  }

  /** Saves (or replaces) a search; returns what was stored. */
  public synchronized SavedSearch save(SavedSearch search) {
    List<SavedSearch> all = new ArrayList<>(list());
    Optional<SavedSearch> existing = find(search.name());
    SavedSearch stored =
        existing
            .map(
                old ->
                    new SavedSearch(
                        search.name(),
                        search.query(),
                        search.owner(),
                        old.created(),
                        search.updated()))
            .orElse(search);
    all.removeIf(s -> key(s.name()).equals(key(search.name())));
    all.add(stored);
    JsonFiles.writeAtomically(file, JSON, all);
    return stored;
  }

  /** Removes a saved search; false when there was none of that name. */
  public synchronized boolean remove(String name) {
    List<SavedSearch> all = new ArrayList<>(list());
    boolean removed = all.removeIf(s -> key(s.name()).equals(key(name)));
    if (removed) {
      JsonFiles.writeAtomically(file, JSON, all);
    }
    return removed;
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
