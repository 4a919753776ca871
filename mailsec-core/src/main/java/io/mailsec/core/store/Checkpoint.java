package io.mailsec.core.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a stream resumes: an opaque map that only the stream's source interprets (a page token, a
 * window end, a file name...). The store keeps it byte for byte and never looks inside. It must not
 * hold credentials: stores keep it in plain text.
 *
 * @param values the entries; keys and values non-null (sorted copy)
 */
public record Checkpoint(Map<String, String> values) {
  public Checkpoint {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** A checkpoint of alternating keys and values, e.g. {@code of("nextPage", "abc")}. */
  public static Checkpoint of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected alternating keys and values");
    }
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Checkpoint(map);
  }

  /** The value of one key, or null. */
  public String get(String key) {
    return values.get(key);
  }
}
