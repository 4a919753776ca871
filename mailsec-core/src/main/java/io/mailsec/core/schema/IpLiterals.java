package io.mailsec.core.schema;

import java.util.Optional;

/**
 * Parses IPv4 dotted-quad and IPv6 literals without ever touching DNS (unlike {@link
 * java.net.InetAddress#getByName}). Used by the validator for {@link FieldType#IP} fields and by
 * normalizers for CIDR matching.
 */
public final class IpLiterals {
  private IpLiterals() {}

  /** The address bytes (4 or 16), or empty when the text is not a plain IP literal. */
  public static Optional<byte[]> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text));
  }

  private static byte[] parseV4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        return null; // leading zeros are ambiguous (octal in some parsers)
      }
      int value = Integer.parseInt(p);
      if (value > 255) {
        return null;
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  private static byte[] parseV6(String text) {
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
    String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
    byte[] headBytes = groups(head, doubleColon < 0);
    byte[] tailBytes = groups(tail, true);
    if (headBytes == null || tailBytes == null) {
      return null;
    }
    int total = headBytes.length + tailBytes.length;
    if (doubleColon < 0 ? total != 16 : total > 14) {
      return null;
    }
    byte[] result = new byte[16];
    System.arraycopy(headBytes, 0, result, 0, headBytes.length);
    System.arraycopy(tailBytes, 0, result, 16 - tailBytes.length, tailBytes.length);
    return result;
  }

  /** Bytes of colon-separated hex groups; the last group may be an IPv4 quad if allowed. */
  private static byte[] groups(String part, boolean ipv4TailAllowed) {
    if (part.isEmpty()) {
      return new byte[0];
    }
    String[] groups = part.split(":", -1);
    byte[] out = new byte[groups.length * 2 + 2];
    int n = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (i == groups.length - 1 && ipv4TailAllowed && g.indexOf('.') >= 0) {
        byte[] v4 = parseV4(g);
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, n, 4);
        n += 4;
        continue;
      }
      if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(IpLiterals::isHex)) {
        return null;
      }
      int value = Integer.parseInt(g, 16);
      out[n++] = (byte) (value >> 8);
      out[n++] = (byte) value;
    }
    byte[] trimmed = new byte[n];
    System.arraycopy(out, 0, trimmed, 0, n);
    return trimmed;
  }

  /**
   * Canonical text of a 16-byte address: dotted quad for IPv4-mapped addresses, RFC 5952 for IPv6
   * (lower-case hex, longest run of two or more zero groups compressed to {@code ::}). The query
   * language and the store's aggregations both render addresses with it, so they agree.
   */
  public static String format(byte[] sixteen) {
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

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
