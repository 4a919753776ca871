package io.mailsec.server.config;

import io.mailsec.core.ql.SavedSearch;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Saved searches of a data directory, in {@value #FILE_NAME}. Names are unique without regard to
 * case; saving a name again replaces its query and keeps its creation time. Safe against the {@code
 * mailsec searches} command changing the file from another process.
 */
public final class SavedSearchRepository {
  public static final String FILE_NAME = "saved-searches.json";

  private final JsonListFile<SavedSearch> file;

  public SavedSearchRepository(Path dataDir) {
    this.file =
        new JsonListFile<>(
            dataDir.resolve(FILE_NAME),
            SavedSearch.class,
            Comparator.comparing(s -> key(s.name())));
  }

  /** All saved searches, by name. */
  public List<SavedSearch> list() {
    return file.read();
  }

  public Optional<SavedSearch> find(String name) {
    return list().stream().filter(s -> key(s.name()).equals(key(name))).findFirst();
  }

  /** Saves (or replaces) a search; returns what was stored. */
  public SavedSearch save(SavedSearch search) {
    return file.update(
        all -> {
          SavedSearch stored = search;
          for (int i = 0; i < all.size(); i++) {
            SavedSearch old = all.get(i);
            if (key(old.name()).equals(key(search.name()))) {
              stored =
                  new SavedSearch(
                      search.name(),
                      search.query(),
                      search.owner(),
                      old.created(),
                      search.updated());
              all.remove(i);
              break;
            }
          }
          all.add(stored);
          return stored;
        });
  }

  /** Removes a saved search; false when there was none of that name. */
  public boolean remove(String name) {
    return file.update(all -> all.removeIf(s -> key(s.name()).equals(key(name))));
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }
}
