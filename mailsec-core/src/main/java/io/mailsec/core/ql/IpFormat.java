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
    return IpLiterals.parse(literal).map(IpRange::to16).map(IpLiterals::format);
  }
}
