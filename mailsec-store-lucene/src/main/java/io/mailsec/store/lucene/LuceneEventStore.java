package io.mailsec.store.lucene;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.Operands;
import io.mailsec.core.schema.SchemaRegistry;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link EventStore}: one Lucene index in one data directory holds the events, the
 * ledger (quarantined records, gaps) and one checkpoint document per stream, so a single Lucene
 * commit makes a whole batch durable at once. See {@code docs/store.md} for the layout.
 *
 * <p>Concurrency: batches of different streams index their documents in parallel (read side of a
 * fair read-write lock); the Lucene commit and the refresh of the searcher run on the write side,
 * which waits until no batch is half added. Every Lucene commit therefore contains whole batches
 * only, and one commit may carry several waiting batches (group commit). Searches use a {@link
 * SearcherManager} refreshed right after each commit, so they see exactly the committed state.
 * Other processes can read the same directory meanwhile through {@link #openReadOnly}.
 *
 * <p>Failure: if adding or committing fails, everything not yet committed is rolled back and the
 * writer reopened; batches that were in flight at that moment fail too and their streams resume
 * from their checkpoints.
 */
public final class LuceneEventStore implements EventStore {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneEventStore.class);

  /** Commit user data key of the on-disk format; a directory of another format is refused. */
  static final String FORMAT_KEY = "mailsec.store.format";

  /**
   * Format 2 added the n-gram companions of text fields ({@link IndexFields#GRAMS_SUFFIX}). A
   * format-1 store is still read and written: its segments answer CONTAINS through the token terms
   * ({@link GramOrTermsQuery}), new batches get n-grams, and its commit data says 2 from the first
   * commit on (an older version then refuses it).
   */
  static final String FORMAT = "2";

  /** The formats this version opens. */
  private static final Set<String> READABLE_FORMATS = Set.of("1", FORMAT);

  /** Test seam: runs after a batch's documents are added and before the Lucene commit. */
  @FunctionalInterface
  interface BeforeCommit {
    void run(IndexWriter writer) throws IOException;
  }

  private final LuceneStoreConfig config;
  private final SchemaRegistry registry;
  private final EventDocuments documents;
  private final StoreReads reads;
  private final Directory directory;
  private final BeforeCommit beforeCommit;
  private final String writeFormat;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

  private volatile IndexWriter writer;
  private volatile SearcherManager searchers;
  private volatile boolean closed;
  private volatile StoreException failure;

  /** Incremented on every rollback; a batch added in an older generation was discarded. */
  private long generation;

  private LuceneEventStore(LuceneStoreConfig config, BeforeCommit beforeCommit, String writeFormat)
      throws IOException {
    this.config = config;
    this.registry = config.registry();
    this.writeFormat = writeFormat;
    FieldTypes types = FieldTypes.of(registry);
    this.documents = new EventDocuments(types, !writeFormat.equals("1") && config.substringIndex());
    this.reads = new StoreReads(registry, types, this::read);
    this.beforeCommit = beforeCommit;
    Path indexDir = config.dataDirectory().resolve("index");
    Files.createDirectories(indexDir);
    this.directory = FSDirectory.open(indexDir);
    try {
      this.writer = openWriter();
      this.searchers = new SearcherManager(writer, true, false, new CachingSearcherFactory());
    } catch (IOException | RuntimeException e) {
      closeQuietly(writer);
      directory.close();
      throw e;
    }
  }

  /**
   * Opens (or creates) the store in {@code config.dataDirectory()}.
   *
   * @throws StoreException when the directory cannot be opened, is used by another process or holds
   *     an index of another format
   */
  public static LuceneEventStore open(LuceneStoreConfig config) {
    return open(config, w -> {});
  }

  /**
   * Opens a read-only view of the store in {@code config.dataDirectory()}, for a process that reads
   * while another one (the server) holds the store open for writing. The view never takes the write
   * lock and never writes; before each read it moves to the newest Lucene commit, so it sees every
   * batch whose {@link #commit} returned before the read started, each batch whole. {@link
   * EventStore#commit} and {@link EventStore#deleteOlderThan} throw {@link
   * UnsupportedOperationException}. A directory without a committed store reads as an empty store
   * (and is not created).
   *
   * <p>Only {@code dataDirectory} and {@code registry} of the configuration are used; the registry
   * must be the writer's.
   *
   * @throws StoreException when the index cannot be read or holds a store of another format
   */
  public static EventStore openReadOnly(LuceneStoreConfig config) {
    return ReadOnlyLuceneEventStore.open(config);
  }

  static LuceneEventStore open(LuceneStoreConfig config, BeforeCommit beforeCommit) {
    return open(config, beforeCommit, FORMAT);
  }

  /** Test seam: a store writing documents and commit data as format 1 did (no n-grams). */
  static LuceneEventStore openWritingFormat1(LuceneStoreConfig config) {
    return open(config, w -> {}, "1");
  }

  private static LuceneEventStore open(
      LuceneStoreConfig config, BeforeCommit beforeCommit, String writeFormat) {
    try {
      return new LuceneEventStore(config, beforeCommit, writeFormat);
    } catch (LockObtainFailedException e) {
      throw new StoreException(
          "the data directory " + config.dataDirectory() + " is in use by another store", e);
    } catch (IOException e) {
      throw new StoreException("cannot open the store in " + config.dataDirectory(), e);
    }
  }

  private IndexWriter openWriter() throws IOException {
    boolean existed = DirectoryReader.indexExists(directory);
    if (existed) {
      requireFormat(SegmentInfos.readLatestCommit(directory).getUserData());
    }
    IndexWriterConfig iwc = new IndexWriterConfig(new TokenAnalyzer());
    iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    iwc.setRAMBufferSizeMB(config.ramBufferMb());
    // Never let close() commit: only commit() decides what becomes durable.
    iwc.setCommitOnClose(false);
    IndexWriter w = new IndexWriter(directory, iwc);
    w.setLiveCommitData(Map.of(FORMAT_KEY, writeFormat).entrySet());
    if (!existed) {
      w.commit();
    }
    return w;
  }

  /** Refuses a commit whose user data names another on-disk format than this version's. */
  static void requireFormat(Map<String, String> commitUserData) {
    String format = commitUserData.get(FORMAT_KEY);
    if (!READABLE_FORMATS.contains(format)) {
      throw new StoreException(
          "the data directory holds a store of format "
              + format
              + "; this version reads formats 1 and "
              + FORMAT);
    }
  }

  // ---------------------------------------------------------------- writing

  /** A document and the term of the earlier version it replaces. */
  private record Upsert(Term uid, Document document) {}

  @Override
  public void commit(StoreBatch batch) {
    ensureUsable();
    List<Upsert> upserts = toUpserts(batch);
    long batchGeneration;
    Exception addFailure = null;
    lock.readLock().lock();
    try {
      ensureUsable();
      batchGeneration = generation;
      try {
        IndexWriter w = writer;
        for (Upsert u : upserts) {
          w.updateDocument(u.uid(), u.document());
        }
      } catch (IOException | RuntimeException e) {
        addFailure = e;
      }
    } finally {
      lock.readLock().unlock();
    }
    if (addFailure != null) {
      discardUncommitted(batchGeneration, addFailure);
      throw new StoreException(
          "could not store the batch of " + batch.stream() + "; nothing of it is stored",
          addFailure);
    }
    lock.writeLock().lock();
    try {
      ensureUsable();
      if (generation != batchGeneration) {
        throw new StoreException(
            "the batch of "
                + batch.stream()
                + " was discarded after another commit failed; nothing of it is stored");
      }
      try {
        beforeCommit.run(writer);
        writer.commit();
      } catch (IOException | RuntimeException e) {
        recoverLocked(e);
        throw new StoreException(
            "could not commit the batch of " + batch.stream() + "; nothing of it is stored", e);
      }
      refreshLocked();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private List<Upsert> toUpserts(StoreBatch batch) {
    StreamId stream = batch.stream();
    String streamKey = IndexFields.streamKey(stream);
    List<Upsert> upserts = new ArrayList<>(batch.size() + 1);
    for (Event event : batch.events()) {
      if (registry.schema(event.schema()).isEmpty()) {
        throw new IllegalArgumentException(
            "event " + event.id() + " has the unknown schema '" + event.schema() + "'");
      }
      upserts.add(
          new Upsert(
              new Term(IndexFields.UID, IndexFields.eventUid(event.id())),
              documents.toDocument(event, streamKey)));
    }
    for (QuarantinedRecord record : batch.quarantined()) {
      upserts.add(
          new Upsert(
              new Term(IndexFields.UID, LedgerDocuments.quarantineUid(stream, record)),
              LedgerDocuments.quarantine(stream, record)));
    }
    for (Gap gap : batch.gaps()) {
      upserts.add(
          new Upsert(
              new Term(IndexFields.UID, LedgerDocuments.gapUid(gap)), LedgerDocuments.gap(gap)));
    }
    upserts.add(
        new Upsert(
            new Term(IndexFields.UID, IndexFields.checkpointUid(stream)),
            LedgerDocuments.checkpoint(stream, batch.checkpoint(), config.clock().instant())));
    return upserts;
  }

  @Override
  public RetentionResult deleteOlderThan(Instant cutoff) {
    ensureUsable();
    long micros = Operands.micros(cutoff);
    if (micros == Long.MIN_VALUE) {
      return new RetentionResult(0, 0, 0);
    }
    Query events = olderThan(IndexFields.KIND_EVENT, IndexFields.EVENT_TIME, micros);
    Query quarantined = olderThan(IndexFields.KIND_QUARANTINE, IndexFields.RECORDED, micros);
    Query gaps = olderThan(IndexFields.KIND_GAP, IndexFields.RECORDED, micros);
    lock.writeLock().lock();
    try {
      ensureUsable();
      try {
        // No batch is half added now; batches waiting to commit are committed with the deletes.
        searchers.maybeRefreshBlocking();
        RetentionResult result;
        IndexSearcher searcher = searchers.acquire();
        try {
          result =
              new RetentionResult(
                  searcher.count(events), searcher.count(quarantined), searcher.count(gaps));
        } finally {
          searchers.release(searcher);
        }
        writer.deleteDocuments(events, quarantined, gaps);
        writer.commit();
        refreshLocked();
        return result;
      } catch (IOException | RuntimeException e) {
        recoverLocked(e);
        throw new StoreException("retention failed; nothing was deleted", e);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static Query olderThan(String kind, String timeField, long micros) {
    return new BooleanQuery.Builder()
        .add(QueryTranslator.kind(kind), Occur.FILTER)
        .add(LongPoint.newRangeQuery(timeField, Long.MIN_VALUE, micros - 1), Occur.FILTER)
        .build();
  }

  private void discardUncommitted(long batchGeneration, Exception cause) {
    lock.writeLock().lock();
    try {
      if (!closed && failure == null && generation == batchGeneration) {
        recoverLocked(cause);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Rolls back to the last commit and reopens the writer. Caller holds the write lock. */
  private void recoverLocked(Exception cause) {
    generation++;
    LOG.warn("store operation failed; discarding everything not committed", cause);
    try {
      writer.rollback();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
    SearcherManager old = searchers;
    try {
      writer = openWriter();
      searchers = new SearcherManager(writer, true, false, new CachingSearcherFactory());
    } catch (IOException | RuntimeException e) {
      failure = new StoreException("the store could not recover from a failure", e);
      failure.addSuppressed(cause);
      LOG.error("the store could not reopen its index after a failure", e);
    }
    closeQuietly(old);
  }

  private void refreshLocked() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException | RuntimeException e) {
      // The commit is durable; the next commit's refresh publishes it.
      LOG.error("committed, but could not refresh the searcher", e);
    }
  }

  // ---------------------------------------------------------------- reading

  /** Lends the current searcher; follows a replacement of the searcher manager by a recovery. */
  private <T> T read(StoreReads.SearchStep<T> step) {
    ensureUsable();
    SearcherManager manager;
    IndexSearcher searcher;
    while (true) {
      manager = searchers;
      try {
        searcher = manager.acquire();
        break;
      } catch (AlreadyClosedException e) {
        ensureUsable();
        if (manager == searchers) {
          throw new StoreException("the searcher is closed", e);
        }
        // Replaced by a recovery in the meantime: use the new one.
      } catch (IOException e) {
        throw new StoreException("could not open a searcher", e);
      }
    }
    try {
      return step.apply(searcher);
    } catch (IOException e) {
      throw new StoreException("could not read the store", e);
    } finally {
      try {
        manager.release(searcher);
      } catch (IOException e) {
        LOG.warn("could not release a searcher", e);
      }
    }
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

  // ---------------------------------------------------------------- lifecycle

  private void ensureUsable() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
    StoreException failed = failure;
    if (failed != null) {
      throw new StoreException("the store has failed and must be reopened", failed);
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeQuietly(searchers);
      try {
        writer.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not close the index writer cleanly", e);
      }
      directory.close();
    } catch (IOException e) {
      throw new StoreException("could not close the store", e);
    } finally {
      lock.writeLock().unlock();
    }
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
