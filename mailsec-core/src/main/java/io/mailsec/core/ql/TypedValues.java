package io.mailsec.core.ql;

import io.mailsec.core.query.IpRange;
import io.mailsec.core.query.Operands;
import io.mailsec.core.query.TextFolding;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.IpLiterals;
import java.time.Instant;
import java.util.Arrays;

/**
 * How values of each field type are grouped, sorted and compared in memory, matching what stores do
 * (see {@link io.mailsec.core.store.SortKey} and {@link io.mailsec.core.store.TermsBucket}). Values
 * that do not fit the field's type are ignored (null), as a store cannot index them.
 */
final class TypedValues {
  private TypedValues() {}

  /**
   * A value as a group key: keyword folded, timestamps truncated to microseconds, ip addresses in
   * canonical text; null when the value does not fit the type.
   */
  static Object groupKey(FieldType type, Object value) {
    return switch (type) {
      case KEYWORD -> value instanceof String s ? TextFolding.fold(s) : null;
      case LONG -> value instanceof Long ? value : null;
      case DOUBLE -> value instanceof Double ? value : null;
      case BOOLEAN -> value instanceof Boolean ? value : null;
      case TIMESTAMP -> value instanceof Instant i ? ofMicros(Operands.micros(i)) : null;
      case IP -> value instanceof String s ? IpFormat.canonical(s).orElse(null) : null;
      case TEXT, OBJECT -> null;
    };
  }

  /**
   * A value as a sort key, compared with {@link #compareSortKeys}: ip addresses as 16 bytes
   * (numeric order), timestamps as microseconds; null when it does not fit.
   */
  static Object sortKey(FieldType type, Object value) {
    return switch (type) {
      case TIMESTAMP -> value instanceof Instant i ? Operands.micros(i) : null;
      case IP ->
          value instanceof String s ? IpLiterals.parse(s).map(IpRange::to16).orElse(null) : null;
      default -> groupKey(type, value);
    };
  }

  static int compareSortKeys(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    return compareKeys(a, b);
  }

  /** Compares two group keys of one type: strings by code point, others naturally. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareKeys(Object a, Object b) {
    if (a instanceof String s && b instanceof String t) {
      return TextFolding.compareCodePoints(s, t);
    }
    return ((Comparable) a).compareTo(b);
  }

  static Instant ofMicros(long micros) {
    return Instant.EPOCH
        .plusSeconds(Math.floorDiv(micros, 1_000_000L))
        .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
