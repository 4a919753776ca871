package io.mailsec.store.lucene;

import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.HistogramBucket;
import io.mailsec.core.store.LedgerQuery;
import io.mailsec.core.store.RetentionResult;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.core.store.StoreException;
import io.mailsec.core.store.StreamId;
import io.mailsec.core.store.StreamStats;
import io.mailsec.core.store.TermsBucket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NoLockFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only view of a Lucene store that another process (or another {@link LuceneEventStore} in
 * this one) writes: see {@link LuceneEventStore#openReadOnly}.
 *
 * <p>It reads Lucene commits only, through a {@link DirectoryReader} that is moved to the newest
 * commit ({@code openIfChanged}) before every read. Since the writer commits whole batches only,
 * the view never sees half a batch. The directory is opened with {@link NoLockFactory}: the view
 * cannot take the writer's {@code write.lock} even by mistake. Segment files that the writer
 * deletes after a merge or a newer commit stay readable for a reader that still has them open (the
 * operating system keeps deleted open files on local file systems; not on NFS, which Lucene does
 * not support for this).
 *
 * <p>Until the directory holds a commit, reads answer from an empty index and the directory is not
 * created; the first read after the writer's first commit sees it.
 */
final class ReadOnlyLuceneEventStore implements EventStore {
  private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyLuceneEventStore.class);

  /** Refuses, at every refresh, a commit written in another on-disk format. */
  private static final SearcherFactory FORMAT_CHECKING =
      new CachingSearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader)
            throws IOException {
          LuceneEventStore.requireFormat(((DirectoryReader) reader).getIndexCommit().getUserData());
          return super.newSearcher(reader, previousReader);
        }
      };

  private final Path dataDirectory;
  private final Path indexDirectory;
  private final StoreReads reads;
  private final IndexSearcher nothingCommitted;

  /** Opened once the index directory exists. Guarded by {@code this}. */
  private Directory directory;

  /** Null until the directory holds a commit; set once, under {@code this}. */
  private volatile SearcherManager searchers;

  /** The newest commit generation the searcher manager was last refreshed for. */
  private volatile long refreshedForGeneration = -1;

  private volatile boolean closed;

  private ReadOnlyLuceneEventStore(LuceneStoreConfig config) throws IOException {
    this.dataDirectory = config.dataDirectory();
    this.indexDirectory = dataDirectory.resolve("index");
    this.reads = new StoreReads(config.registry(), FieldTypes.of(config.registry()), this::read);
    this.nothingCommitted = new IndexSearcher(new MultiReader());
  }

  /** See {@link LuceneEventStore#openReadOnly}. */
  static ReadOnlyLuceneEventStore open(LuceneStoreConfig config) {
    ReadOnlyLuceneEventStore store = null;
    try {
      store = new ReadOnlyLuceneEventStore(config);
      store.openIfCommitted(); // so that a foreign format or a broken index fails here
      return store;
    } catch (IOException | RuntimeException e) {
      if (store != null) {
        store.close();
      }
      if (e instanceof StoreException storeException) {
        throw storeException;
      }
      throw new StoreException("cannot read the store in " + config.dataDirectory(), e);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * Lends a searcher over the newest commit for one step. Package-private so that tests can hold a
   * searcher while the writer changes the index.
   */
  <T> T read(StoreReads.SearchStep<T> step) {
    ensureOpen();
    SearcherManager manager = newestCommit();
    if (manager == null) {
      return apply(step, nothingCommitted);
    }
    IndexSearcher searcher;
    try {
      searcher = manager.acquire();
    } catch (AlreadyClosedException e) {
      ensureOpen();
      throw new StoreException("the searcher is closed", e);
    } catch (IOException e) {
      throw new StoreException("could not open a searcher", e);
    }
    try {
      return apply(step, searcher);
    } finally {
      try {
        manager.release(searcher);
      } catch (IOException e) {
        LOG.warn("could not release a searcher", e);
      }
    }
  }

  private static <T> T apply(StoreReads.SearchStep<T> step, IndexSearcher searcher) {
    try {
      return step.apply(searcher);
    } catch (IOException e) {
      throw new StoreException("could not read the store", e);
    }
  }

  /**
   * The searcher manager moved to the newest commit, or null while there is no commit. Blocking
   * refresh: a read always sees every commit that completed before it started.
   *
   * <p>Every commit writes a new {@code segments_N}, so comparing the newest N in the directory
   * listing with the one last refreshed for tells whether a refresh is due; asking the manager
   * instead would read the commit and every segment's info file on each read, which cost several
   * milliseconds per query on a large store.
   */
  private SearcherManager newestCommit() {
    try {
      SearcherManager manager = searchers;
      if (manager == null) {
        return openIfCommitted();
      }
      long newest = SegmentInfos.getLastCommitGeneration(directory);
      if (newest != refreshedForGeneration) {
        manager.maybeRefreshBlocking();
        // the refresh saw at least that commit; a newer one is caught by the next read
        refreshedForGeneration = newest;
      }
      return manager;
    } catch (AlreadyClosedException e) {
      ensureOpen();
      throw new StoreException("the searcher is closed", e);
    } catch (IOException e) {
      throw new StoreException("could not read the newest commit in " + dataDirectory, e);
    }
  }

  private synchronized SearcherManager openIfCommitted() throws IOException {
    ensureOpen();
    if (searchers == null) {
      if (directory == null) {
        if (!Files.isDirectory(indexDirectory)) {
          return null;
        }
        directory = FSDirectory.open(indexDirectory, NoLockFactory.INSTANCE);
      }
      if (DirectoryReader.indexExists(directory)) {
        searchers = new SearcherManager(directory, FORMAT_CHECKING);
      }
    }
    return searchers;
  }

  @Override
  public Optional<Checkpoint> checkpoint(StreamId stream) {
    return reads.checkpoint(stream);
  }

  @Override
  public SearchResult search(SearchRequest request) {
    return reads.search(request);
  }

  @Override
  public long count(EventQuery query) {
    return reads.count(query);
  }

  @Override
  public List<TermsBucket> countBy(EventQuery query, List<String> fields, int limit) {
    return reads.countBy(query, fields, limit);
  }

  @Override
  public List<HistogramBucket> histogram(EventQuery query, Duration interval) {
    return reads.histogram(query, interval);
  }

  @Override
  public List<TermsBucket> histogramBy(
      EventQuery query, Duration interval, String field, int limit) {
    return reads.histogramBy(query, interval, field, limit);
  }

  @Override
  public List<QuarantinedRecord> quarantined(LedgerQuery query) {
    return reads.quarantined(query);
  }

  @Override
  public List<Gap> gaps(LedgerQuery query) {
    return reads.gaps(query);
  }

  @Override
  public List<StreamStats> streamStats() {
    return reads.streamStats();
  }

  // ---------------------------------------------------------------- writing is refused

  @Override
  public void commit(StoreBatch batch) {
    ensureOpen();
    throw new UnsupportedOperationException(
        "this store is open read-only; batches are committed by the process that has the data"
            + " directory open for writing");
  }

  @Override
  public RetentionResult deleteOlderThan(Instant cutoff) {
    ensureOpen();
    throw new UnsupportedOperationException(
        "this store is open read-only; retention runs in the process that has the data directory"
            + " open for writing");
  }

  // ---------------------------------------------------------------- lifecycle

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
  }

  /** Releases the reader; reads still running finish on the searcher they hold. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(searchers);
    closeQuietly(directory);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("could not close {}", closeable.getClass().getSimpleName(), e);
    }
  }
}
