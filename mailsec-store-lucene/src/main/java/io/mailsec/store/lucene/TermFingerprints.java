package io.mailsec.store.lucene;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.BytesRef;

/**
 * 64-bit fingerprints of the terms of a segment's ordinal field, by ordinal. They let the largest
 * groups of a high-cardinality field be merged across segments in a hash table ({@link
 * FingerprintTopMerge}) instead of by decoding and comparing every counted term. A segment never
 * changes, so its fingerprints are computed once (on first use, one pass over its terms) and kept
 * until the segment is closed: a refresh only costs the new segments.
 *
 * <p>The fingerprints of all open segments share a memory budget; a segment that would exceed it
 * gets none, and its aggregations take the path that needs none. Thread-safe.
 */
final class TermFingerprints {
  /** Bytes of heap per fingerprint. */
  private static final int BYTES_PER_TERM = Long.BYTES;

  private final long budgetBytes;
  private final ToLongFunction<BytesRef> hash;
  private final AtomicLong usedBytes = new AtomicLong();
  private final ConcurrentHashMap<Key, long[]> cache = new ConcurrentHashMap<>();

  private record Key(IndexReader.CacheKey segment, String field) {}

  /** With the standard hash and a budget of a sixteenth of the maximum heap. */
  TermFingerprints() {
    this(Runtime.getRuntime().maxMemory() / 16, TermFingerprints::hash);
  }

  /** For tests: a budget and a hash of one's own (a poor hash makes collisions happen). */
  TermFingerprints(long budgetBytes, ToLongFunction<BytesRef> hash) {
    this.budgetBytes = budgetBytes;
    this.hash = hash;
  }

  /**
   * The fingerprints of the segment's values of {@code field} ({@code values} are those values, not
   * yet iterated by anyone else), or null when the segment cannot be cached or they do not fit in
   * the budget.
   */
  long[] of(LeafReader segment, String field, SortedSetDocValues values) throws IOException {
    IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
    long count = values.getValueCount();
    if (helper == null || count > Integer.MAX_VALUE - 16) {
      return null;
    }
    Key key = new Key(helper.getKey(), field);
    long[] cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    long bytes = count * BYTES_PER_TERM;
    if (usedBytes.addAndGet(bytes) > budgetBytes) {
      usedBytes.addAndGet(-bytes);
      return null;
    }
    long[] prints = new long[(int) count];
    TermsEnum terms = values.termsEnum();
    int ord = 0;
    for (BytesRef term = terms.next(); term != null; term = terms.next()) {
      prints[ord++] = hash.applyAsLong(term);
    }
    long[] raced = cache.putIfAbsent(key, prints);
    if (raced != null) {
      usedBytes.addAndGet(-bytes);
      return raced;
    }
    helper.addClosedListener(
        closed -> {
          if (cache.remove(key) != null) {
            usedBytes.addAndGet(-bytes);
          }
        });
    return prints;
  }

  /** Bytes of fingerprints held now. */
  long usedBytes() {
    return usedBytes.get();
  }

  /** MurmurHash64A of the term's bytes. */
  static long hash(BytesRef term) {
    final long m = 0xc6a4a7935bd1e995L;
    final int r = 47;
    byte[] bytes = term.bytes;
    int length = term.length;
    long h = 0x9747b28cL ^ (length * m);
    int at = term.offset;
    int end = at + (length & ~7);
    for (; at < end; at += 8) {
      long k = (long) BitUtil.VH_LE_LONG.get(bytes, at);
      k *= m;
      k ^= k >>> r;
      k *= m;
      h ^= k;
      h *= m;
    }
    int tail = length & 7;
    if (tail > 0) {
      long k = 0;
      for (int i = tail - 1; i >= 0; i--) {
        k = (k << 8) | (bytes[at + i] & 0xffL);
      }
      h ^= k;
      h *= m;
    }
    h ^= h >>> r;
    h *= m;
    h ^= h >>> r;
    return h;
  }
}
