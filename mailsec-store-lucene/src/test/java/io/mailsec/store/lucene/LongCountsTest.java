package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link LongCounts} against a map, over seeded random keys from narrow to huge ranges. */
class LongCountsTest {
  @Test
  void countsEqualAMapsAndComeOutInKeyOrder() {
    for (long seed = 1; seed <= 20; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      long range = seed % 2 == 0 ? 50 : Long.MAX_VALUE / 2;
      int increments = random.nextInt(5000);
      LongCounts counts = new LongCounts();
      Map<Long, Long> expected = new HashMap<>();
      for (int i = 0; i < increments; i++) {
        long key = random.nextLong(range);
        if (random.nextInt(10) == 0) {
          key = 0; // the smallest key, stored as 1
        }
        counts.increment(key);
        expected.merge(key, 1L, Long::sum);
      }
      assertThat(counts.size()).as("seed " + seed).isEqualTo(expected.size());
      long[] keys = new long[counts.size()];
      long[] values = new long[counts.size()];
      counts.sortedInto(keys, values);
      Map<Long, Long> actual = new TreeMap<>();
      for (int i = 0; i < keys.length; i++) {
        if (i > 0) {
          assertThat(keys[i]).as("seed " + seed).isGreaterThan(keys[i - 1]);
        }
        actual.put(keys[i], values[i]);
      }
      assertThat(actual).as("seed " + seed).isEqualTo(new TreeMap<>(expected));
    }
  }
}
