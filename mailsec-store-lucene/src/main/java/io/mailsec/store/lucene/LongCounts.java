package io.mailsec.store.lucene;

import java.util.Arrays;

/**
 * Counts per non-negative long key, without boxing: open addressing with linear probing. For group
 * keys too many to count in an array. Not thread-safe.
 */
final class LongCounts {
  /** Stored keys are the key plus one, so that 0 marks a free slot. */
  private long[] keys = new long[64];

  private long[] counts = new long[64];
  private int size;

  /** Adds one to the count of {@code key} (0 or greater, below {@link Long#MAX_VALUE}). */
  void increment(long key) {
    long stored = key + 1;
    int mask = keys.length - 1;
    int slot = slot(stored, mask);
    while (keys[slot] != 0 && keys[slot] != stored) {
      slot = (slot + 1) & mask;
    }
    if (keys[slot] == 0) {
      keys[slot] = stored;
      size++;
      if (size * 2 > keys.length) {
        counts[slot]++;
        grow();
        return;
      }
    }
    counts[slot]++;
  }

  int size() {
    return size;
  }

  /**
   * The keys with their counts, keys ascending: {@code keysOut[i]} has {@code countsOut[i]}; both
   * arrays are of {@link #size()}.
   */
  void sortedInto(long[] keysOut, long[] countsOut) {
    long[] packed = new long[size];
    int n = 0;
    for (long stored : keys) {
      if (stored != 0) {
        packed[n++] = stored - 1;
      }
    }
    Arrays.sort(packed);
    for (int i = 0; i < n; i++) {
      keysOut[i] = packed[i];
      countsOut[i] = counts[find(packed[i] + 1)];
    }
  }

  private int find(long stored) {
    int mask = keys.length - 1;
    int slot = slot(stored, mask);
    while (keys[slot] != stored) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = slot(oldKeys[i], mask);
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        counts[slot] = oldCounts[i];
      }
    }
  }

  private static int slot(long stored, int mask) {
    long h = stored * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
