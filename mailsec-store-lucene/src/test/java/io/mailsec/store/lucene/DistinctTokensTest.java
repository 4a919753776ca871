package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistinctTokensTest {
  @Test
  void behavesLikeASetOfStringsThroughGrowthAndClears() {
    SplittableRandom random = new SplittableRandom(7);
    DistinctTokens tokens = new DistinctTokens();
    char[] buffer = new char[64];
    for (int round = 0; round < 50; round++) {
      Set<String> model = new HashSet<>();
      int adds = random.nextInt(2000);
      int alphabet = 1 + random.nextInt(4);
      for (int i = 0; i < adds; i++) {
        int length = random.nextInt(6);
        for (int c = 0; c < length; c++) {
          buffer[c] = (char) ('a' + random.nextInt(alphabet));
        }
        // stale chars past the length must not matter
        buffer[length] = (char) ('x' + random.nextInt(3));
        String s = new String(buffer, 0, length);
        assertThat(tokens.add(buffer, length)).as("add %s", s).isEqualTo(model.add(s));
      }
      tokens.clear();
    }
  }
}
