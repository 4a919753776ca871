package io.mailsec.store.lucene;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Conversions between the 16-byte address form and {@link InetAddress} or canonical text. */
final class IpText {
  private IpText() {}

  /** An address from 16 bytes; IPv4-mapped bytes give an IPv4 address. Never resolves names. */
  static InetAddress toInetAddress(byte[] sixteen) {
    try {
      return InetAddress.getByAddress(sixteen);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + Arrays.toString(sixteen), e);
    }
  }

  /**
   * Canonical text of a 16-byte address: dotted quad for IPv4 (and IPv4-mapped), RFC 5952 for IPv6
   * (lower-case hex, longest run of two or more zero groups compressed to {@code ::}).
   */
  static String format(byte[] sixteen) {
    boolean v4Mapped = true;
    for (int i = 0; i < 10; i++) {
      v4Mapped &= sixteen[i] == 0;
    }
    v4Mapped &= sixteen[10] == (byte) 0xff && sixteen[11] == (byte) 0xff;
    if (v4Mapped) {
      return (sixteen[12] & 0xff)
          + "."
          + (sixteen[13] & 0xff)
          + "."
          + (sixteen[14] & 0xff)
          + "."
          + (sixteen[15] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((sixteen[2 * i] & 0xff) << 8) | (sixteen[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
