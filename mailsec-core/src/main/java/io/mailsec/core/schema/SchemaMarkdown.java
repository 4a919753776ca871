package io.mailsec.core.schema;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the registry as the Markdown reference {@code docs/schema.md}. */
public final class SchemaMarkdown {
  private SchemaMarkdown() {}

  public static String render(SchemaRegistry registry) {
    StringBuilder md = new StringBuilder();
    md.append("# Event schemas\n\n")
        .append("<!-- Generated from io.mailsec.core.schema.SchemaRegistry; do not edit by hand.\n")
        .append("     Regenerate: ./mvnw -pl mailsec-core test -Dtest=SchemaDocTest")
        .append(" -Dmailsec.regenerate=true -->\n\n")
        .append("Every normalized event belongs to one schema. Field names are dotted paths into")
        .append(" the event's JSON tree. *Repeated* fields hold a list; children of a repeated")
        .append(" object (e.g. `attachments.sha256`) yield one value per element. *Required*")
        .append(" fields are on every valid event. Tags are the logical types a query such as")
        .append(" `@ip = '10.1.2.3'` expands to.\n\n")
        .append("Types: `keyword` exact string, `text` free text, `long`, `double`, `boolean`,")
        .append(" `timestamp` (ISO-8601 UTC in JSON), `ip` (IPv4/IPv6 literal), `object`")
        .append(" (container of the fields below it).\n\n");
    for (Schema schema : registry.schemas()) {
      md.append("## `").append(schema.name()).append("`\n\n").append(schema.description());
      md.append("\n\n| Field | Type | Repeated | Required | Tags | Meaning |\n");
      md.append("|---|---|---|---|---|---|\n");
      for (FieldDef f : schema.fields()) {
        md.append("| `")
            .append(f.name())
            .append("` | ")
            .append(f.type().wireName())
            .append(" | ")
            .append(f.repeated() ? "yes" : "")
            .append(" | ")
            .append(f.required() ? "yes" : "")
            .append(" | ")
            .append(tags(f))
            .append(" | ")
            .append(escape(f.description()))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append("## Logical types\n\n| Tag | Expands to |\n|---|---|\n");
    for (LogicalType type : LogicalType.values()) {
      Map<String, List<FieldDef>> tagged = registry.fieldsTagged(type);
      String targets =
          tagged.entrySet().stream()
              .map(
                  e ->
                      e.getKey()
                          + ": "
                          + e.getValue().stream()
                              .map(f -> "`" + f.name() + "`")
                              .collect(Collectors.joining(", ")))
              .collect(Collectors.joining("; "));
      md.append("| `").append(type.token()).append("` | ").append(targets).append(" |\n");
    }
    return md.toString();
  }

  private static String tags(FieldDef f) {
    return f.tags().stream()
        .sorted()
        .map(t -> "`" + t.token() + "`")
        .collect(Collectors.joining(" "));
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
