package io.mailsec.store.lucene;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Conversion of the 16-byte address form to {@link InetAddress}. */
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
}
