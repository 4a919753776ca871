package io.mailsec.server;

import io.mailsec.core.store.EventStore;
import io.mailsec.detect.Detection;
import io.mailsec.server.config.IntegrationRepository;
import io.mailsec.server.secrets.SecretVault;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything mailsec keeps in one data directory: the integrations ({@code integrations.json}), the
 * key that encrypts their secrets ({@code master.key}), the event store ({@code store/}) and the
 * detection setup ({@code detection.yaml}, custom rules in {@code rules/}, {@code
 * rules-state.json}; see docs/detections.md) and the store's optional settings ({@code
 * store.properties}, {@link StoreSettings}). Back up the whole directory; keep it readable by the
 * mailsec user only.
 */
public final class DataDirectory implements AutoCloseable {
  private final Path root;
  private final IntegrationRepository integrations;
  private SecretVault vault;
  private EventStore store;
  private Detection detection;

  private DataDirectory(Path root) {
    this.root = root;
    this.integrations = new IntegrationRepository(root);
  }

  /** Opens (and creates, on first use) a data directory. */
  public static DataDirectory open(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + root, e);
    }
    return new DataDirectory(root);
  }

  public Path root() {
    return root;
  }

  public IntegrationRepository integrations() {
    return integrations;
  }

  /** The vault of this directory; its key file is created on first use. */
  public synchronized SecretVault vault() {
    if (vault == null) {
      vault = SecretVault.open(root);
    }
    return vault;
  }

  /** The event store for writing, opened on first use; only one process may hold it. */
  public synchronized EventStore store() {
    if (store == null) {
      store = LuceneEventStore.open(storeConfig());
    }
    return store;
  }

  /**
   * Detection on this directory's store, started on first use (rules loaded, state rebuilt from the
   * store). Collectors must commit through {@link Detection#collectingStore()}.
   */
  public synchronized Detection detection() {
    if (detection == null) {
      detection = Detection.start(root, store(), Clock.systemUTC());
    }
    return detection;
  }

  /**
   * A read-only view of the event store's last commit, which works while another process (a running
   * {@code serve} or {@code demo}) writes to it. The caller closes it.
   */
  public EventStore readOnlyStore() {
    return LuceneEventStore.openReadOnly(storeConfig());
  }

  /** Whether the store has ever been created here (a mistyped directory has none). */
  public boolean hasStore() {
    return Files.isDirectory(root.resolve("store"));
  }

  private LuceneStoreConfig storeConfig() {
    return LuceneStoreConfig.defaults(root.resolve("store"))
        .withSubstringIndex(StoreSettings.read(root).substringIndex());
  }

  @Override
  public synchronized void close() {
    if (detection != null) {
      detection.close();
      detection = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
