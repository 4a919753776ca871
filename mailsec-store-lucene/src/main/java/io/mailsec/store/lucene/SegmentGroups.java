package io.mailsec.store.lucene;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;

/**
 * Counts one segment's matching documents per combination of raw key values ({@link
 * GroupKey.Values}). A document with several values in a key counts once per combination; one
 * without a value for a key counts nowhere.
 *
 * <p>When every key's raw values are dense, a combination is one long (mixed radix over the keys'
 * cardinalities, the first key most significant) and is counted in an int array when there are at
 * most {@link #MAX_DENSE_GROUPS} possible combinations, else in a {@link LongCounts}: no
 * allocation, boxing or hashing of objects per document. Other keys (numbers, wide time spans)
 * count in a map of boxed combinations. When the segment is done the counts are kept in key order
 * (for dense keys: ordinal order, which is the terms' order).
 */
final class SegmentGroups {
  /** Most combinations counted in an array: 4 MB of counters. */
  static final long MAX_DENSE_GROUPS = 1 << 20;

  /** Receives one group: the raw value of each key, and its count. */
  @FunctionalInterface
  interface GroupVisitor {
    void accept(long[] raw, long count) throws IOException;
  }

  private final GroupKey.Values[] keys;
  private final long[] cardinalities;
  private final long[] strides;

  /**
   * Counters for dense keys, allocated at the first counted document: a search opens a collector
   * for every segment, also those without a match, and a segment's array can take megabytes.
   */
  private int[] dense;

  /** Length of {@link #dense}, or -1 when combinations are not counted in an array. */
  private final int denseSize;

  private LongCounts hashed;
  private Map<List<Long>, long[]> boxed;

  /** Values per key of the document being collected. */
  private final int[] perKey;

  /** After {@link #finish()} for dense keys: the combinations counted, ascending, and counts. */
  private long[] groups = new long[0];

  private long[] counts = new long[0];

  SegmentGroups(GroupKey.Values[] keys) {
    this.keys = keys;
    this.cardinalities = new long[keys.length];
    this.strides = new long[keys.length];
    this.perKey = new int[keys.length];
    long product = 1;
    for (int i = keys.length - 1; i >= 0; i--) {
      long cardinality = keys[i].cardinality();
      strides[i] = product;
      cardinalities[i] = cardinality;
      if (cardinality < 0 || product < 0) {
        product = -1;
      } else if (cardinality > 0 && product > (Long.MAX_VALUE / 2) / cardinality) {
        product = -1; // too many combinations for one long
      } else {
        product *= cardinality;
      }
    }
    if (product < 0) {
      boxed = new HashMap<>();
    } else if (product > MAX_DENSE_GROUPS) {
      hashed = new LongCounts();
    }
    denseSize = product >= 0 && product <= MAX_DENSE_GROUPS ? (int) product : -1;
  }

  LeafCollector collector() {
    return new LeafCollector() {
      @Override
      public void setScorer(Scorable scorer) {}

      @Override
      public void collect(int doc) throws IOException {
        SegmentGroups.this.collect(doc);
      }

      @Override
      public void finish() {
        SegmentGroups.this.finish();
      }
    };
  }

  int keyCount() {
    return keys.length;
  }

  /** The segment's values of key {@code i}. */
  GroupKey.Values key(int i) {
    return keys[i];
  }

  /** Number of groups with a count, for dense keys after {@link #finish()}. */
  int size() {
    return groups.length;
  }

  /** The {@code i}-th group in key order (for one key: its raw value) and its count. */
  long group(int i) {
    return groups[i];
  }

  long count(int i) {
    return counts[i];
  }

  void collect(int doc) throws IOException {
    if (keys.length == 1) {
      int n = keys[0].read(doc);
      long[] raw = keys[0].raw;
      for (int i = 0; i < n; i++) {
        add(raw[i]);
      }
      return;
    }
    int[] n = readAll(doc);
    if (n == null) {
      return;
    }
    if (boxed != null) {
      addBoxed(n, 0, new Long[keys.length]);
    } else {
      addCombined(n, 0, 0);
    }
  }

  /** How many values each key has for the document, or null when one has none. */
  private int[] readAll(int doc) throws IOException {
    for (int i = 0; i < keys.length; i++) {
      perKey[i] = keys[i].read(doc);
      if (perKey[i] == 0) {
        return null;
      }
    }
    return perKey;
  }

  private void addCombined(int[] n, int key, long combined) {
    if (key == keys.length) {
      add(combined);
      return;
    }
    long[] raw = keys[key].raw;
    for (int i = 0; i < n[key]; i++) {
      addCombined(n, key + 1, combined + raw[i] * strides[key]);
    }
  }

  private void addBoxed(int[] n, int key, Long[] combination) {
    if (key == keys.length) {
      boxed.computeIfAbsent(List.of(combination.clone()), k -> new long[1])[0]++;
      return;
    }
    long[] raw = keys[key].raw;
    for (int i = 0; i < n[key]; i++) {
      combination[key] = raw[i];
      addBoxed(n, key + 1, combination);
    }
  }

  private void add(long combined) {
    if (denseSize >= 0) {
      if (dense == null) {
        dense = new int[denseSize];
      }
      dense[(int) combined]++;
    } else if (hashed != null) {
      hashed.increment(combined);
    } else {
      boxed.computeIfAbsent(List.of(combined), k -> new long[1])[0]++;
    }
  }

  /** Compacts dense or hashed counts into key order; idempotent. */
  void finish() {
    if (dense != null) {
      int n = 0;
      for (int c : dense) {
        if (c > 0) {
          n++;
        }
      }
      groups = new long[n];
      counts = new long[n];
      int at = 0;
      for (int g = 0; g < dense.length; g++) {
        if (dense[g] > 0) {
          groups[at] = g;
          counts[at++] = dense[g];
        }
      }
      dense = null;
    } else if (hashed != null) {
      groups = new long[hashed.size()];
      counts = new long[hashed.size()];
      hashed.sortedInto(groups, counts);
      hashed = null;
    }
  }

  /** Visits every group with each key's raw value; after {@link #finish()}. */
  void forEach(GroupVisitor visitor) throws IOException {
    long[] raw = new long[keys.length];
    if (boxed != null) {
      for (Map.Entry<List<Long>, long[]> e : boxed.entrySet()) {
        for (int i = 0; i < raw.length; i++) {
          raw[i] = e.getKey().get(i);
        }
        visitor.accept(raw, e.getValue()[0]);
      }
      return;
    }
    for (int g = 0; g < groups.length; g++) {
      for (int i = 0; i < raw.length; i++) {
        raw[i] = (groups[g] / strides[i]) % cardinalities[i];
      }
      visitor.accept(raw, counts[g]);
    }
  }
}
