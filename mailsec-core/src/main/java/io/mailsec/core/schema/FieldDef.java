package io.mailsec.core.schema;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of a schema.
 *
 * @param name dotted path, lower snake_case segments, e.g. {@code attachments.sha256}
 * @param type storage and query type; {@link FieldType#OBJECT} for containers
 * @param repeated whether the field itself holds a list in its parent object. A child of a repeated
 *     object (e.g. {@code attachments.sha256}) is not repeated itself but still yields several
 *     values per event; see {@link Schema#isMultiValued(String)}
 * @param required whether every valid event must carry the field
 * @param description one line saying what the value means
 * @param tags logical types the query language may expand to this field
 */
public record FieldDef(
    String name,
    FieldType type,
    boolean repeated,
    boolean required,
    String description,
    Set<LogicalType> tags) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  public FieldDef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid field name: " + name);
    }
    tags = tags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tags));
  }

  /** The dotted path of the enclosing object, or null for a top-level field. */
  public String parent() {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? null : name.substring(0, dot);
  }
}
