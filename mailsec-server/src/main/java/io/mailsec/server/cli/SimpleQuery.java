package io.mailsec.server.cli;

import io.mailsec.core.query.And;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.query.Predicates;
import io.mailsec.core.store.EventQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interim search syntax of the CLI until the full query language lands: {@code [FROM schema[,
 * schema]] [WHERE] field OP value [AND field OP value ...]} with OP one of {@code =}, {@code !=},
 * {@code CONTAINS}, and values quoted ({@code 'x'}) or bare. Errors name the position.
 */
final class SimpleQuery {
  private static final Pattern FROM =
      Pattern.compile("(?i)^\\s*FROM\\s+([a-z_]+(?:\\s*,\\s*[a-z_]+)*)\\s*");
  private static final Pattern WHERE = Pattern.compile("(?i)^WHERE\\s+");
  private static final Pattern CONDITION =
      Pattern.compile(
          "(?i)^([a-z_][a-z0-9_.]*)\\s*(!=|=|CONTAINS\\b)\\s*('(?:[^']|'')*'|[^\\s']+)\\s*");
  private static final Pattern AND = Pattern.compile("(?i)^AND\\s+");

  private SimpleQuery() {}

  static EventQuery parse(String text) {
    String rest = text;
    int offset = 0;
    Set<String> schemas = new LinkedHashSet<>();
    Matcher from = FROM.matcher(rest);
    if (from.find()) {
      for (String s : from.group(1).split(",")) {
        schemas.add(s.trim().toLowerCase(Locale.ROOT));
      }
      offset += from.end();
      rest = rest.substring(from.end());
    }
    Matcher where = WHERE.matcher(rest);
    if (where.find()) {
      offset += where.end();
      rest = rest.substring(where.end());
    }
    List<Predicate> conditions = new ArrayList<>();
    while (!rest.isBlank()) {
      if (!conditions.isEmpty()) {
        Matcher and = AND.matcher(rest);
        if (!and.find()) {
          throw error(text, offset, "expected AND between conditions");
        }
        offset += and.end();
        rest = rest.substring(and.end());
      }
      Matcher c = CONDITION.matcher(rest);
      if (!c.find()) {
        throw error(text, offset, "expected a condition like field = 'value'");
      }
      conditions.add(condition(c.group(1), c.group(2), c.group(3)));
      offset += c.end();
      rest = rest.substring(c.end());
    }
    Predicate predicate =
        conditions.isEmpty()
            ? Predicates.all()
            : conditions.size() == 1 ? conditions.get(0) : new And(conditions);
    EventQuery query = EventQuery.where(predicate);
    return schemas.isEmpty() ? query : query.withSchemas(schemas.toArray(String[]::new));
  }

  private static Predicate condition(String field, String op, String rawValue) {
    String f = field.toLowerCase(Locale.ROOT);
    boolean quoted = rawValue.startsWith("'");
    String text =
        quoted ? rawValue.substring(1, rawValue.length() - 1).replace("''", "'") : rawValue;
    Object value = !quoted && text.matches("-?\\d{1,18}") ? Long.parseLong(text) : text;
    return switch (op.toUpperCase(Locale.ROOT)) {
      case "=" -> Predicates.eq(f, value);
      case "!=" -> Predicates.ne(f, value);
      default -> Predicates.contains(f, text);
    };
  }

  private static IllegalArgumentException error(String text, int offset, String message) {
    return new IllegalArgumentException(
        "query error at column "
            + (offset + 1)
            + ": "
            + message
            + "\n  "
            + text
            + "\n  "
            + " ".repeat(offset)
            + "^");
  }
}
