package io.mailsec.core.ql;

import io.mailsec.core.query.IpRange;
import io.mailsec.core.schema.IpLiterals;
import java.util.Optional;

/**
 * Canonical text of IP addresses, as store aggregations return them: dotted quad for IPv4 (and
 * IPv4-mapped IPv6), RFC 5952 for IPv6.
 */
final class IpFormat {
  private IpFormat() {}

  /** The canonical text of an address literal, or empty when it is not one. */
  static Optional<String> canonical(String literal) {
    return IpLiterals.parse(literal).map(IpRange::to16).map(IpFormat::format);
  }

  static String format(byte[] sixteen) {
    boolean v4Mapped = sixteen[10] == (byte) 0xff && sixteen[11] == (byte) 0xff;
    for (int i = 0; i < 10; i++) {
      v4Mapped &= sixteen[i] == 0;
    }
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
