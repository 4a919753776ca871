package io.mailsec.simulator.data;

import java.util.List;

/**
 * Deterministic pseudo-random numbers (SplitMix64).
 *
 * <p>The simulator promises byte-identical data for the same seed on any JVM, so it cannot rely on
 * {@link java.util.Random} or {@link java.util.SplittableRandom} implementation details; this class
 * fixes the algorithm. Not thread-safe: create one per generation task with {@link #of(long...)}.
 */
public final class Rng {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final String BASE64_URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final String ALNUM_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  /** A generator whose stream depends on every part, e.g. {@code of(seed, STREAM_ID, slot)}. */
  public static Rng of(long... parts) {
    long h = GOLDEN_GAMMA;
    for (long part : parts) {
      h = mix(h ^ mix(part + GOLDEN_GAMMA));
    }
    return new Rng(h);
  }

  /**
   * The SplitMix64 finalizer. It is a bijection on 64-bit values, so distinct inputs give distinct
   * outputs: the generator uses that to derive identifiers that are unique by construction.
   */
  public static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A stable 64-bit hash of a string (not cryptographic). */
  public static long hash(String text) {
    long h = 0x632BE59BD9B4E019L;
    for (int i = 0; i < text.length(); i++) {
      h = mix(h ^ text.charAt(i));
    }
    return h;
  }

  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)}; the modulo bias is irrelevant for test data. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) Math.floorMod(nextLong(), (long) bound);
  }

  /** Uniform in {@code [low, high]}. */
  public int between(int low, int high) {
    return low + nextInt(high - low + 1);
  }

  public long betweenLong(long low, long high) {
    return low + Math.floorMod(nextLong(), high - low + 1);
  }

  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  public boolean chance(double probability) {
    return nextDouble() < probability;
  }

  public <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  public String hex(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = HEX[nextInt(16)];
    }
    return new String(out);
  }

  public String base64Url(int length) {
    return fromAlphabet(BASE64_URL, length);
  }

  public String upperAlphanumeric(int length) {
    return fromAlphabet(ALNUM_UPPER, length);
  }

  public byte[] bytes(int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) nextInt(256);
    }
    return out;
  }

  private String fromAlphabet(String alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet.charAt(nextInt(alphabet.length()));
    }
    return new String(out);
  }
}
