package io.mailsec.core.query;

import io.mailsec.core.schema.IpLiterals;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IP operand: one address or a CIDR block, held as 16 bytes (IPv4 as IPv4-mapped IPv6, so {@code
 * 10.0.0.1} and {@code ::ffff:10.0.0.1} are the same address) plus a prefix length in that 128-bit
 * space.
 */
public final class IpRange {
  private static final byte[] V4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1};

  private final byte[] first;
  private final byte[] last;
  private final int prefixLength;

  private IpRange(byte[] network, int prefixLength) {
    this.prefixLength = prefixLength;
    this.first = network.clone();
    this.last = network.clone();
    for (int bit = prefixLength; bit < 128; bit++) {
      first[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
      last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
  }

  /**
   * Reads {@code 10.1.2.3}, {@code 10.0.0.0/8}, {@code 2001:db8::1} or {@code 2001:db8::/32}. Host
   * bits set in a CIDR block are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}). Never resolves
   * names.
   */
  public static Optional<IpRange> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    Optional<byte[]> bytes = IpLiterals.parse(address);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    boolean v4 = bytes.get().length == 4;
    int maxPrefix = v4 ? 32 : 128;
    int prefix = maxPrefix;
    if (slash >= 0) {
      String digits = trimmed.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(digits);
      if (prefix > maxPrefix) {
        return Optional.empty();
      }
    }
    return Optional.of(new IpRange(to16(bytes.get()), v4 ? prefix + 96 : prefix));
  }

  /** The 16-byte form of a 4- or 16-byte address. */
  public static byte[] to16(byte[] address) {
    if (address.length == 16) {
      return address.clone();
    }
    if (address.length != 4) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes");
    }
    byte[] out = Arrays.copyOf(V4_MAPPED_PREFIX, 16);
    System.arraycopy(address, 0, out, 12, 4);
    return out;
  }

  /** True when this is one address rather than a block. */
  public boolean isSingleAddress() {
    return prefixLength == 128;
  }

  /** Prefix length in the 128-bit space (an IPv4 {@code /8} is 104). */
  public int prefixLength() {
    return prefixLength;
  }

  /** Lowest address of the range, 16 bytes. */
  public byte[] first() {
    return first.clone();
  }

  /** Highest address of the range, 16 bytes. */
  public byte[] last() {
    return last.clone();
  }

  /** Whether a 4- or 16-byte address lies in the range. */
  public boolean contains(byte[] address) {
    byte[] a = to16(address);
    return Arrays.compareUnsigned(a, first) >= 0 && Arrays.compareUnsigned(a, last) <= 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange other
        && other.prefixLength == prefixLength
        && Arrays.equals(other.first, first);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(first) + prefixLength;
  }

  @Override
  public String toString() {
    return Arrays.toString(first) + "/" + prefixLength;
  }
}
