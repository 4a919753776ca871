package io.mailsec.core.ql;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.TextFolding;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.store.SortKey;
import java.util.Comparator;
import java.util.List;

/**
 * The order of {@link io.mailsec.core.store.SearchRequest} in memory: by the sort keys (a
 * multi-valued field by its least value ascending and its greatest descending, events without the
 * field last in both directions), then by event id ascending, so the order is total.
 */
final class EventOrder {
  private EventOrder() {}

  static Comparator<Event> of(List<SortKey> keys, FieldTypes types) {
    return (a, b) -> {
      for (SortKey key : keys) {
        FieldType type = types.require(key.field());
        Object x = extreme(a, key, type);
        Object y = extreme(b, key, type);
        if (x == null || y == null) {
          if (x != y) {
            return x == null ? 1 : -1;
          }
          continue;
        }
        int c = TypedValues.compareSortKeys(x, y);
        if (c != 0) {
          return key.descending() ? -c : c;
        }
      }
      return compareIds(a.id(), b.id());
    };
  }

  private static Object extreme(Event event, SortKey key, FieldType type) {
    Object best = null;
    for (Object value : event.get(key.field())) {
      Object k = TypedValues.sortKey(type, value);
      if (k == null) {
        continue;
      }
      if (best == null) {
        best = k;
      } else {
        int c = TypedValues.compareSortKeys(k, best);
        if (key.descending() ? c > 0 : c < 0) {
          best = k;
        }
      }
    }
    return best;
  }

  private static int compareIds(String a, String b) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? 1 : -1;
    }
    return TextFolding.compareCodePoints(a, b);
  }
}
