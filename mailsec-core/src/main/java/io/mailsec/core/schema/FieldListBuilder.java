package io.mailsec.core.schema;

import static io.mailsec.core.schema.FieldType.OBJECT;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Terse construction of field lists for the built-in schemas. */
final class FieldListBuilder {
  private final List<FieldDef> fields = new ArrayList<>();

  FieldListBuilder one(String name, FieldType type, String description, LogicalType... tags) {
    fields.add(new FieldDef(name, type, false, false, description, Set.of(tags)));
    return this;
  }

  FieldListBuilder many(String name, FieldType type, String description, LogicalType... tags) {
    fields.add(new FieldDef(name, type, true, false, description, Set.of(tags)));
    return this;
  }

  FieldListBuilder required(String name, FieldType type, String description) {
    fields.add(new FieldDef(name, type, false, true, description, Set.of()));
    return this;
  }

  FieldListBuilder object(String name, String description) {
    return one(name, OBJECT, description);
  }

  FieldListBuilder objects(String name, String description) {
    return many(name, OBJECT, description);
  }

  List<FieldDef> build() {
    return List.copyOf(fields);
  }
}
