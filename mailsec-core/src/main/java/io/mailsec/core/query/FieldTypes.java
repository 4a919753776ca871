package io.mailsec.core.query;

import io.mailsec.core.schema.FieldDef;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.Schema;
import io.mailsec.core.schema.SchemaRegistry;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The type of every field path across all schemas of a registry, as predicates and stores see it. A
 * path means the same thing in every schema that has it ({@code subject} is text in {@code email}
 * and in {@code http}); a registry where two schemas give one path different types is rejected,
 * because a store indexes a path once. A path is multi-valued when any schema lets it hold several
 * values.
 *
 * <p>Immutable and thread-safe.
 */
public final class FieldTypes {
  private final Map<String, FieldType> types;
  private final Set<String> multiValued;

  private FieldTypes(Map<String, FieldType> types, Set<String> multiValued) {
    this.types = Collections.unmodifiableMap(types);
    this.multiValued = Set.copyOf(multiValued);
  }

  /**
   * @throws IllegalStateException when two schemas give one path different types
   */
  public static FieldTypes of(SchemaRegistry registry) {
    Map<String, FieldType> types = new LinkedHashMap<>();
    Map<String, String> definedBy = new LinkedHashMap<>();
    Set<String> multi = new HashSet<>();
    for (Schema schema : registry.schemas()) {
      for (FieldDef field : schema.fields()) {
        FieldType earlier = types.putIfAbsent(field.name(), field.type());
        if (earlier != null && earlier != field.type()) {
          throw new IllegalStateException(
              "field '"
                  + field.name()
                  + "' is "
                  + earlier.wireName()
                  + " in schema "
                  + definedBy.get(field.name())
                  + " but "
                  + field.type().wireName()
                  + " in schema "
                  + schema.name());
        }
        definedBy.putIfAbsent(field.name(), schema.name());
        if (schema.isMultiValued(field.name())) {
          multi.add(field.name());
        }
      }
    }
    return new FieldTypes(types, multi);
  }

  /** The type of a path, or empty when no schema defines it. */
  public Optional<FieldType> type(String path) {
    return Optional.ofNullable(types.get(path));
  }

  /**
   * The type of a path.
   *
   * @throws IllegalArgumentException when no schema defines the path
   */
  public FieldType require(String path) {
    FieldType type = types.get(path);
    if (type == null) {
      throw new IllegalArgumentException("unknown field '" + path + "'");
    }
    return type;
  }

  /** True when some schema lets the path hold several values in one event. */
  public boolean isMultiValued(String path) {
    return multiValued.contains(path);
  }

  /** All known paths with their types, in registry order. */
  public Map<String, FieldType> all() {
    return types;
  }
}
