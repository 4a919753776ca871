package io.mailsec.simulator.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A small LRU cache of values derived deterministically from a {@code long} key. Values are
 * computed outside the lock (two threads may compute the same value; both results are equal), so
 * nested caches cannot deadlock.
 */
public final class BoundedCache<V> {
  private final Map<Long, V> entries;

  public BoundedCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
            return size() > capacity;
          }
        };
  }

  public V get(long key, LongFunction<V> loader) {
    synchronized (entries) {
      V cached = entries.get(key);
      if (cached != null) {
        return cached;
      }
    }
    V value = loader.apply(key);
    synchronized (entries) {
      entries.put(key, value);
    }
    return value;
  }
}
