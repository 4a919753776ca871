package io.mailsec.bench;

import java.util.Arrays;

/**
 * Throughput of one benchmark configuration over its timed repetitions, in units per second.
 *
 * @param name what was measured
 * @param threads worker threads
 * @param perSecond one figure per timed repetition
 */
record Measurement(String name, int threads, double[] perSecond) {
  Measurement {
    if (perSecond.length == 0) {
      throw new IllegalArgumentException("no repetitions");
    }
    perSecond = perSecond.clone();
    Arrays.sort(perSecond);
  }

  double min() {
    return perSecond[0];
  }

  double max() {
    return perSecond[perSecond.length - 1];
  }

  double median() {
    int n = perSecond.length;
    return n % 2 == 1 ? perSecond[n / 2] : (perSecond[n / 2 - 1] + perSecond[n / 2]) / 2;
  }
}
