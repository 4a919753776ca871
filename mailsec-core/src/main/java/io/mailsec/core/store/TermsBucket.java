package io.mailsec.core.store;

import java.util.List;

/**
 * One group of {@link EventStore#countBy}: a combination of values and how many events have it.
 * Values are typed like the fields: keyword values folded to lower case (String), booleans as
 * Boolean, longs as Long, doubles as Double, timestamps as Instant, ip addresses in canonical text
 * form (IPv4 dotted, IPv6 compressed).
 *
 * @param key one value per grouped field, in the order of the fields
 * @param count number of matching events with that combination
 */
public record TermsBucket(List<Object> key, long count) {
  public TermsBucket {
    key = List.copyOf(key);
  }

  /** The value of the first grouped field. */
  public Object value() {
    return key.get(0);
  }
}
