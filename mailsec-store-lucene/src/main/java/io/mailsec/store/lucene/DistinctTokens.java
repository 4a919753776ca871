package io.mailsec.store.lucene;

import java.util.Arrays;
import org.apache.lucene.util.ArrayUtil;

/**
 * A set of char sequences that copies each added sequence once into a shared pool and allocates
 * nothing per element once its arrays have grown: the per-value dedupe of {@link TokenGramFilter}.
 * Open addressing with linear probing; {@link #clear} costs the number of elements, not the table
 * size, so one huge value does not slow down the many small ones after it. Not thread-safe.
 */
final class DistinctTokens {
  private char[] pool = new char[1024];
  private int poolLength;

  /** Per element: its start in {@link #pool}, its length, its hash and its table slot. */
  private int[] starts = new int[64];

  private int[] lengths = new int[64];
  private int[] hashes = new int[64];
  private int[] slotOf = new int[64];
  private int size;

  /** Element index + 1 per slot, 0 for empty; the length is a power of two. */
  private int[] table = new int[128];

  /** Adds {@code chars[0, length)}; false if an equal sequence is already in the set. */
  boolean add(char[] chars, int length) {
    int hash = hash(chars, length);
    int mask = table.length - 1;
    int slot = hash & mask;
    for (int entry; (entry = table[slot]) != 0; slot = (slot + 1) & mask) {
      int e = entry - 1;
      if (hashes[e] == hash
          && lengths[e] == length
          && Arrays.equals(pool, starts[e], starts[e] + length, chars, 0, length)) {
        return false;
      }
    }
    if (size == starts.length) {
      int grown = ArrayUtil.oversize(size + 1, Integer.BYTES);
      starts = Arrays.copyOf(starts, grown);
      lengths = Arrays.copyOf(lengths, grown);
      hashes = Arrays.copyOf(hashes, grown);
      slotOf = Arrays.copyOf(slotOf, grown);
    }
    pool = ArrayUtil.grow(pool, poolLength + length);
    System.arraycopy(chars, 0, pool, poolLength, length);
    starts[size] = poolLength;
    lengths[size] = length;
    hashes[size] = hash;
    slotOf[size] = slot;
    table[slot] = size + 1;
    poolLength += length;
    size++;
    if (size * 2 > table.length) {
      rehash(table.length * 2);
    }
    return true;
  }

  void clear() {
    for (int e = 0; e < size; e++) {
      table[slotOf[e]] = 0;
    }
    size = 0;
    poolLength = 0;
  }

  private void rehash(int newLength) {
    table = new int[newLength];
    int mask = newLength - 1;
    for (int e = 0; e < size; e++) {
      int slot = hashes[e] & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = e + 1;
      slotOf[e] = slot;
    }
  }

  private static int hash(char[] chars, int length) {
    int h = 0;
    for (int i = 0; i < length; i++) {
      h = 31 * h + chars[i];
    }
    return h ^ (h >>> 16); // spread the high bits into the masked low ones
  }
}
