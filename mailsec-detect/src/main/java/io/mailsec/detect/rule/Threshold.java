package io.mailsec.detect.rule;

import java.time.Duration;
import java.util.Objects;

/**
 * A rule fires for a group key only once {@code count} matching events of that key fall within
 * {@code within} of each other (by event time), like Sentinel's "more than 3 in 15 minutes" (count
 * 4, within 15m).
 */
public record Threshold(int count, Duration within) {
  public Threshold {
    Objects.requireNonNull(within, "within");
    if (count < 2) {
      throw new IllegalArgumentException("threshold count must be at least 2, was " + count);
    }
    if (within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("threshold window must be positive");
    }
  }
}
