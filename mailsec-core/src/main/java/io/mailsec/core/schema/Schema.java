package io.mailsec.core.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event schema: its name, purpose and ordered field list (common fields first). Every parent of
 * a dotted field is itself a field of type {@link FieldType#OBJECT}.
 */
public final class Schema {
  private final String name;
  private final String description;
  private final List<FieldDef> fields;
  private final Map<String, FieldDef> byName;

  Schema(String name, String description, List<FieldDef> fields) {
    this.name = name;
    this.description = description;
    this.fields = List.copyOf(fields);
    Map<String, FieldDef> index = new LinkedHashMap<>();
    for (FieldDef field : fields) {
      if (index.putIfAbsent(field.name(), field) != null) {
        throw new IllegalArgumentException(name + ": duplicate field " + field.name());
      }
      String parent = field.parent();
      if (parent != null
          && (!index.containsKey(parent) || index.get(parent).type() != FieldType.OBJECT)) {
        throw new IllegalArgumentException(
            name + ": field " + field.name() + " needs an earlier object field " + parent);
      }
    }
    this.byName = Collections.unmodifiableMap(index);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** All fields in documentation order. */
  public List<FieldDef> fields() {
    return fields;
  }

  public Optional<FieldDef> field(String path) {
    return Optional.ofNullable(byName.get(path));
  }

  /** True when the field or one of its enclosing objects is repeated. */
  public boolean isMultiValued(String path) {
    for (FieldDef f = byName.get(path); f != null; ) {
      if (f.repeated()) {
        return true;
      }
      f = f.parent() == null ? null : byName.get(f.parent());
    }
    return false;
  }
}
