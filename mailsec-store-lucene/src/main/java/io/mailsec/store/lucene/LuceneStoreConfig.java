package io.mailsec.store.lucene;

import io.mailsec.core.schema.SchemaRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of a {@link LuceneEventStore}.
 *
 * @param dataDirectory the store's directory; the index lives in its {@code index} subdirectory.
 *     One process at a time may open it.
 * @param registry schemas that decide how fields are indexed; the same registry must be used every
 *     time the directory is opened (a changed field type needs a re-index)
 * @param ramBufferMb memory Lucene may buffer new documents in before writing a segment; more means
 *     fewer, larger segments. Commits flush the buffer anyway.
 * @param clock source of the commit times shown in {@link io.mailsec.core.store.StreamStats}
 * @param substringIndex whether new events get the n-gram index that makes CONTAINS on text fields
 *     fast (on by default). Off indexes 1.5-2x as many events per second (docs/performance.md, run
 *     D) at the price of CONTAINS walking the term dictionary again (seconds per query on millions
 *     of events); results are the same either way, and the setting may change between openings.
 */
public record LuceneStoreConfig(
    Path dataDirectory,
    SchemaRegistry registry,
    double ramBufferMb,
    Clock clock,
    boolean substringIndex) {
  /** The default buffer when the heap is large enough; measured to index well on 2 cores. */
  public static final double DEFAULT_RAM_BUFFER_MB = 256;

  public LuceneStoreConfig {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(clock, "clock");
    if (!(ramBufferMb >= 1 && ramBufferMb <= 2048)) {
      throw new IllegalArgumentException("ramBufferMb must be between 1 and 2048");
    }
  }

  /** With the substring index on. */
  public LuceneStoreConfig(
      Path dataDirectory, SchemaRegistry registry, double ramBufferMb, Clock clock) {
    this(dataDirectory, registry, ramBufferMb, clock, true);
  }

  /**
   * The standard schemas, the system UTC clock and a RAM buffer of {@link #DEFAULT_RAM_BUFFER_MB},
   * or an eighth of the maximum heap when that is smaller (at least 16 MB).
   */
  public static LuceneStoreConfig defaults(Path dataDirectory) {
    double eighthOfHeapMb = Runtime.getRuntime().maxMemory() / 8.0 / (1024 * 1024);
    double buffer = Math.max(16, Math.min(DEFAULT_RAM_BUFFER_MB, eighthOfHeapMb));
    return new LuceneStoreConfig(
        dataDirectory, SchemaRegistry.standard(), buffer, Clock.systemUTC());
  }

  public LuceneStoreConfig withRamBufferMb(double newRamBufferMb) {
    return new LuceneStoreConfig(dataDirectory, registry, newRamBufferMb, clock, substringIndex);
  }

  public LuceneStoreConfig withRegistry(SchemaRegistry newRegistry) {
    return new LuceneStoreConfig(dataDirectory, newRegistry, ramBufferMb, clock, substringIndex);
  }

  public LuceneStoreConfig withClock(Clock newClock) {
    return new LuceneStoreConfig(dataDirectory, registry, ramBufferMb, newClock, substringIndex);
  }

  public LuceneStoreConfig withSubstringIndex(boolean newSubstringIndex) {
    return new LuceneStoreConfig(dataDirectory, registry, ramBufferMb, clock, newSubstringIndex);
  }
}
