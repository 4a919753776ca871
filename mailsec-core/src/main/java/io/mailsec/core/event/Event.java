package io.mailsec.core.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable normalized event: the name of its schema ({@code email}, {@code http}, {@code
 * threat_indicator}, {@code audit}) and a JSON-like tree of fields.
 *
 * <p>Contract of the field tree, relied on by the store, the query language and the JSON form:
 *
 * <ul>
 *   <li>Keys are non-empty strings without dots; a dotted path such as {@code
 *       ingest.integration_id} names a key inside a nested object.
 *   <li>Values are {@link String}, {@link Long}, {@link Double} (finite), {@link Boolean}, {@link
 *       Instant} (timestamps), {@code Map<String,Object>} (objects) or {@code List} (repeated
 *       values) whose elements are scalars or objects, never lists.
 *   <li>Absent and empty are the same thing: nulls, empty lists and empty objects are dropped on
 *       construction, so "field is set" always means "has at least one value". An empty string is
 *       kept (it can be meaningful, e.g. the null sender {@code <>}).
 *   <li>{@code Integer}, {@code Short} and {@code Byte} are widened to {@code Long}, {@code Float}
 *       to {@code Double}; any other value type is rejected with {@link IllegalArgumentException}.
 * </ul>
 *
 * <p>The tree is deeply unmodifiable. Equality is structural (schema plus field tree).
 */
public final class Event {
  private final String schema;
  private final Map<String, Object> fields;

  private Event(String schema, Map<String, Object> fields) {
    this.schema = schema;
    this.fields = fields;
  }

  /** Builds an event from a field tree; keys of {@code fields} must not contain dots. */
  public static Event of(String schema, Map<String, ?> fields) {
    requireSchemaName(schema);
    Map<String, Object> copy = FieldValues.normalizeObject(fields, "");
    return new Event(schema, copy == null ? Map.of() : copy);
  }

  /** Starts a builder that accepts dotted paths. */
  public static Builder builder(String schema) {
    requireSchemaName(schema);
    return new Builder(schema);
  }

  public String schema() {
    return schema;
  }

  /** The whole field tree (unmodifiable). */
  public Map<String, Object> fields() {
    return fields;
  }

  /**
   * All values found at a dotted path, with repeated values and arrays of objects flattened: for
   * {@code attachments.sha256} this is the sha256 of every attachment that has one, in order. An
   * absent path gives an empty list, never null.
   */
  public List<Object> get(String path) {
    List<Object> current = List.of(fields);
    for (String segment : path.split("\\.", -1)) {
      List<Object> next = new ArrayList<>();
      for (Object value : current) {
        if (value instanceof Map<?, ?> map && map.containsKey(segment)) {
          addFlattened(next, map.get(segment));
        }
      }
      current = next;
    }
    return Collections.unmodifiableList(current);
  }

  /** The first value at a dotted path, if any. */
  public Optional<Object> first(String path) {
    List<Object> values = get(path);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value at a dotted path if it is a string. */
  public Optional<String> string(String path) {
    return first(path).filter(String.class::isInstance).map(String.class::cast);
  }

  /** The {@code id} field, or null when the event has none (an invalid event). */
  public String id() {
    return string("id").orElse(null);
  }

  /** The {@code event_time} field, or null when the event has none (an invalid event). */
  public Instant eventTime() {
    return first("event_time")
        .filter(Instant.class::isInstance)
        .map(Instant.class::cast)
        .orElse(null);
  }

  /** The {@code event_type} field, or null when the event has none (an invalid event). */
  public String eventType() {
    return string("event_type").orElse(null);
  }

  private static void addFlattened(List<Object> target, Object value) {
    if (value instanceof List<?> list) {
      target.addAll(list);
    } else if (value != null) {
      target.add(value);
    }
  }

  private static void requireSchemaName(String schema) {
    if (schema == null || schema.isBlank()) {
      throw new IllegalArgumentException("schema name must not be blank");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Event other && other.schema.equals(schema) && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schema, fields);
  }

  @Override
  public String toString() {
    return schema + fields;
  }

  /**
   * Collects fields by dotted path. {@link #put} sets a value (replacing an earlier one), {@link
   * #add} appends to a repeated field. Intermediate objects are created on demand; a path may not
   * pass through a list.
   */
  public static final class Builder {
    private final String schema;
    private final Map<String, Object> root = new LinkedHashMap<>();

    private Builder(String schema) {
      this.schema = schema;
    }

    /** Sets the value at {@code path}; a null value removes the field. */
    public Builder put(String path, Object value) {
      String[] segments = splitPath(path);
      Map<String, Object> parent = parentOf(segments);
      String leaf = segments[segments.length - 1];
      if (value == null) {
        parent.remove(leaf);
      } else {
        parent.put(leaf, value);
      }
      return this;
    }

    /**
     * Appends one value (or every element of a collection) to the repeated field at {@code path}.
     */
    public Builder add(String path, Object value) {
      if (value == null) {
        return this;
      }
      String[] segments = splitPath(path);
      Map<String, Object> parent = parentOf(segments);
      String leaf = segments[segments.length - 1];
      Object existing = parent.get(leaf);
      List<Object> list = new ArrayList<>();
      if (existing instanceof Collection<?> c) {
        list.addAll(c);
      } else if (existing != null) {
        list.add(existing);
      }
      if (value instanceof Collection<?> c) {
        list.addAll(c);
      } else {
        list.add(value);
      }
      parent.put(leaf, list);
      return this;
    }

    /** True when a non-empty value is present at the dotted path. */
    public boolean has(String path) {
      Object current = root;
      for (String segment : splitPath(path)) {
        if (!(current instanceof Map<?, ?> map) || !map.containsKey(segment)) {
          return false;
        }
        current = map.get(segment);
      }
      return current != null
          && !(current instanceof Collection<?> c && c.isEmpty())
          && !(current instanceof Map<?, ?> m && m.isEmpty());
    }

    public Event build() {
      return Event.of(schema, root);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parentOf(String[] segments) {
      Map<String, Object> current = root;
      for (int i = 0; i < segments.length - 1; i++) {
        Object child = current.get(segments[i]);
        if (child == null) {
          Map<String, Object> created = new LinkedHashMap<>();
          current.put(segments[i], created);
          current = created;
        } else if (child instanceof Map<?, ?>) {
          current = (Map<String, Object>) child;
        } else {
          throw new IllegalArgumentException(
              "path '" + String.join(".", segments) + "' passes through a non-object value");
        }
      }
      return current;
    }

    private static String[] splitPath(String path) {
      if (path == null || path.isEmpty()) {
        throw new IllegalArgumentException("field path must not be empty");
      }
      String[] segments = path.split("\\.", -1);
      for (String s : segments) {
        if (s.isEmpty()) {
          throw new IllegalArgumentException("field path has an empty segment: '" + path + "'");
        }
      }
      return segments;
    }
  }
}
