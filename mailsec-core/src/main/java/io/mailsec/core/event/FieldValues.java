package io.mailsec.core.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies and checks the values of an {@link Event} field tree (see the contract there). */
final class FieldValues {
  private FieldValues() {}

  /** A deeply unmodifiable copy of {@code source}, or null when nothing remains after dropping. */
  static Map<String, Object> normalizeObject(Map<?, ?> source, String path) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : source.entrySet()) {
      if (!(entry.getKey() instanceof String key) || key.isEmpty() || key.indexOf('.') >= 0) {
        throw new IllegalArgumentException(
            "invalid field name '" + entry.getKey() + "' under '" + path + "'");
      }
      String childPath = path.isEmpty() ? key : path + "." + key;
      Object value = normalizeValue(entry.getValue(), childPath, true);
      if (value != null) {
        copy.put(key, value);
      }
    }
    return copy.isEmpty() ? null : Collections.unmodifiableMap(copy);
  }

  private static Object normalizeValue(Object value, String path, boolean listAllowed) {
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Long || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Instant) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("field '" + path + "' is not a finite number");
      }
      return d;
    }
    if (value instanceof Map<?, ?> map) {
      return normalizeObject(map, path);
    }
    if (value instanceof Collection<?> collection) {
      if (!listAllowed) {
        throw new IllegalArgumentException("field '" + path + "' holds a list inside a list");
      }
      List<Object> copy = new ArrayList<>(collection.size());
      for (Object element : collection) {
        Object normalized = normalizeValue(element, path, false);
        if (normalized != null) {
          copy.add(normalized);
        }
      }
      return copy.isEmpty() ? null : Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        "field '" + path + "' has unsupported value type " + value.getClass().getName());
  }
}
