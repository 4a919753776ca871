package io.mailsec.core.ql;

import io.mailsec.core.event.Event;
import io.mailsec.core.ql.Token.Kind;
import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Contains;
import io.mailsec.core.query.EndsWith;
import io.mailsec.core.query.In;
import io.mailsec.core.query.IpRange;
import io.mailsec.core.query.IsNull;
import io.mailsec.core.query.Not;
import io.mailsec.core.query.Operands;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.query.PredicateEvaluator;
import io.mailsec.core.query.Regex;
import io.mailsec.core.query.StartsWith;
import io.mailsec.core.schema.FieldDef;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.LogicalType;
import io.mailsec.core.schema.Schema;
import io.mailsec.core.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The semantic half of parsing conditions: checks schema and field names, operators and literals
 * against the schema registry while the parser reads the query, builds the predicates, and tracks
 * which schemas are in scope. One instance per parse.
 */
final class QueryChecker {
  /** Field types that have an order for {@code < <= > >=} in the query language. */
  private static final Set<FieldType> ORDERED =
      EnumSet.of(FieldType.LONG, FieldType.DOUBLE, FieldType.TIMESTAMP, FieldType.IP);

  /** Field types the string operators apply to. */
  private static final Set<FieldType> STRINGS =
      EnumSet.of(FieldType.TEXT, FieldType.KEYWORD, FieldType.IP);

  /** Shared, immutable parts; creates one checker per parse. */
  static final class Factory {
    private final SchemaRegistry registry;
    private final PredicateEvaluator evaluator;

    Factory(SchemaRegistry registry) {
      this.registry = registry;
      this.evaluator = new PredicateEvaluator(registry);
    }

    QueryChecker create(String text) {
      return new QueryChecker(text, registry, evaluator);
    }
  }

  /** The left side of a condition: a field, or a logical type with the fields it stands for. */
  record Operand(String name, Token token, List<Target> targets, boolean logical) {}

  /** One concrete field an operand refers to. */
  record Target(String field, FieldType type) {}

  /** A literal value and where it was written. */
  record Literal(Object value, Token token) {}

  private final String text;
  private final SchemaRegistry registry;
  private final PredicateEvaluator evaluator;
  private final List<Schema> allSchemas;
  private final Map<String, Integer> firstUse = new LinkedHashMap<>();
  private List<Schema> scope;
  private boolean fromGiven;

  private QueryChecker(String text, SchemaRegistry registry, PredicateEvaluator evaluator) {
    this.text = text;
    this.registry = registry;
    this.evaluator = evaluator;
    this.allSchemas = List.copyOf(registry.schemas());
    this.scope = allSchemas;
  }

  // ---------------------------------------------------------------- schemas

  void checkSchema(String schema, int offset, List<String> earlier) {
    if (registry.schema(schema).isEmpty()) {
      List<String> names = allSchemas.stream().map(Schema::name).toList();
      throw error(
          offset,
          "unknown schema '"
              + schema
              + "'; the schemas are "
              + String.join(", ", names)
              + Suggestions.didYouMean(schema, names));
    }
    if (earlier.contains(schema)) {
      throw error(offset, "schema '" + schema + "' is named twice");
    }
  }

  void useSchemas(List<String> schemas) {
    fromGiven = true;
    scope = schemas.stream().map(s -> registry.schema(s).orElseThrow()).toList();
  }

  /**
   * Without FROM, the query runs over every event schema (not {@code alert}) that has all the
   * fields it names (and for each logical type, at least one field of that type).
   */
  void resolveSchemas() {
    if (fromGiven) {
      return;
    }
    List<Schema> candidates = List.copyOf(registry.implicitSchemas());
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, Integer> use : firstUse.entrySet()) {
      String name = use.getKey();
      seen.add(name);
      List<Schema> next = candidates.stream().filter(s -> has(s, name)).toList();
      if (next.isEmpty()) {
        throw error(
            use.getValue(),
            "no schema has all of "
                + seen.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))
                + "; name the schemas with FROM or split the query");
      }
      candidates = next;
    }
    scope = candidates;
  }

  /** Whether a schema has a field, or for {@code @type} at least one field of that type. */
  static boolean has(Schema schema, String name) {
    if (name.startsWith("@")) {
      return LogicalType.fromToken(name)
          .map(t -> schema.fields().stream().anyMatch(f -> f.tags().contains(t)))
          .orElse(false);
    }
    return schema.field(name).isPresent();
  }

  // ---------------------------------------------------------------- conditions

  Operand operand(Token t) {
    if (t.kind() == Kind.LOGICAL_TYPE) {
      String written = t.text().toLowerCase(Locale.ROOT);
      LogicalType type =
          LogicalType.fromToken(written)
              .orElseThrow(
                  () ->
                      error(
                          t.offset(),
                          "unknown logical type '@"
                              + written
                              + "'; the logical types are "
                              + logicalTypeNames()
                              + Suggestions.didYouMean(
                                  "@" + written,
                                  Arrays.stream(LogicalType.values())
                                      .map(LogicalType::token)
                                      .toList())));
      Map<String, Target> targets = new LinkedHashMap<>();
      for (Schema schema : scope) {
        for (FieldDef f : schema.fields()) {
          if (f.tags().contains(type)) {
            targets.putIfAbsent(f.name(), new Target(f.name(), f.type()));
          }
        }
      }
      if (targets.isEmpty()) {
        throw error(
            t.offset(),
            "no field of schema "
                + scope.stream().map(Schema::name).collect(Collectors.joining(", "))
                + " is of logical type "
                + type.token());
      }
      firstUse.putIfAbsent(type.token(), t.offset());
      return new Operand(type.token(), t, List.copyOf(targets.values()), true);
    }
    if (t.kind() != Kind.WORD) {
      throw error(t.offset(), "expected a field name, found " + t.describe());
    }
    String field = t.text().toLowerCase(Locale.ROOT);
    FieldType type = fieldType(field, t.offset());
    firstUse.putIfAbsent(field, t.offset());
    return new Operand(field, t, List.of(new Target(field, type)), false);
  }

  Predicate compare(Operand subject, Token opToken, Literal literal) {
    Operator op =
        switch (opToken.kind()) {
          case EQ -> Operator.EQ;
          case NE -> Operator.NE;
          case LT -> Operator.LT;
          case LE -> Operator.LE;
          case GT -> Operator.GT;
          default -> Operator.GE;
        };
    Predicate byRank = SeverityRanks.rangeByRank(subject.name(), subject.logical(), op, literal);
    if (byRank != null) {
      return verified(byRank, subject, opToken);
    }
    Object value = null;
    for (Target target : subject.targets()) {
      value = operandValue(subject, target, op, opToken, literal);
    }
    return verified(new Comparison(subject.name(), op, value), subject, opToken);
  }

  Predicate in(Operand subject, Token opToken, List<Literal> literals, boolean negated) {
    List<Object> values = new ArrayList<>();
    for (Literal literal : literals) {
      Object value = null;
      for (Target target : subject.targets()) {
        value = operandValue(subject, target, Operator.EQ, opToken, literal);
      }
      values.add(value);
    }
    return negate(verified(new In(subject.name(), values), subject, opToken), subject, negated);
  }

  Predicate stringOperator(Operand subject, Token opToken, Token value, boolean negated) {
    String op = opToken.upper();
    for (Target target : subject.targets()) {
      requireNotObject(subject, target);
      if (!STRINGS.contains(target.type())) {
        throw error(
            opToken.offset(),
            (negated ? "!" : "")
                + op
                + " needs a text, keyword or ip field; "
                + describe(subject, target));
      }
    }
    Predicate p;
    switch (op) {
      case "CONTAINS" -> p = new Contains(subject.name(), value.text());
      case "STARTSWITH" -> p = new StartsWith(subject.name(), value.text());
      case "ENDSWITH" -> p = new EndsWith(subject.name(), value.text());
      default -> {
        try {
          p = new Regex(subject.name(), value.text());
        } catch (IllegalArgumentException e) {
          throw error(value.offset(), e.getMessage());
        }
      }
    }
    return negate(verified(p, subject, opToken), subject, negated);
  }

  Predicate isNull(Operand subject, Token opToken, boolean not) {
    Predicate p = verified(new IsNull(subject.name()), subject, opToken);
    return not ? new Not(p) : p;
  }

  /** {@code f !OP x}: f has a value and none of its values satisfies OP (like {@code !=}). */
  private static Predicate negate(Predicate p, Operand subject, boolean negated) {
    if (!negated) {
      return p;
    }
    return new And(List.of(new Not(new IsNull(subject.name())), new Not(p)));
  }

  /**
   * Reads a literal as a value for one target field, or fails with a located message: ranges only
   * on ordered types, CIDR only on ip fields, operands that fit the type; timestamps become
   * instants.
   */
  private Object operandValue(
      Operand subject, Target target, Operator op, Token opToken, Literal literal) {
    requireNotObject(subject, target);
    FieldType type = target.type();
    if (op.isRange() && !ORDERED.contains(type)) {
      throw error(
          opToken.offset(),
          "'"
              + op.symbol()
              + "' needs a number, timestamp or ip field; "
              + describe(subject, target)
              + (type == FieldType.KEYWORD || type == FieldType.TEXT
                  ? " (use =, IN, CONTAINS, STARTSWITH or MATCHES_REGEX)"
                  : ""));
    }
    Object value = literal.value();
    int at = literal.token().offset();
    try {
      switch (type) {
        case KEYWORD, TEXT -> {
          if (value instanceof String s && s.contains("/") && IpRange.parse(s).isPresent()) {
            throw error(
                at, "the CIDR block '" + s + "' needs an ip field; " + describe(subject, target));
          }
          return value;
        }
        case LONG -> {
          Operands.longInterval(target.field(), op, value);
          return value;
        }
        case DOUBLE -> {
          Operands.doubleInterval(target.field(), op, value);
          return value;
        }
        case BOOLEAN -> {
          Operands.bool(target.field(), value);
          return value;
        }
        case TIMESTAMP -> {
          if (!(value instanceof String s)) {
            throw error(
                at,
                "'"
                    + target.field()
                    + "' is a timestamp: quote an ISO-8601 time such as"
                    + " '2024-05-01T00:00:00Z'");
          }
          return Times.parseInstant(s)
              .orElseThrow(
                  () ->
                      error(
                          at,
                          "'" + s + "' is not an ISO-8601 time such as '2024-05-01T00:00:00Z'"));
        }
        case IP -> {
          if (!(value instanceof String)) {
            throw error(
                at, "'" + target.field() + "' is an ip field: quote the address, e.g. '10.0.0.1'");
          }
          if (op.isRange()) {
            Operands.ipAddress(target.field(), value);
          } else {
            Operands.ip(target.field(), value);
          }
          return value;
        }
        default -> throw new IllegalStateException("object fields are rejected above");
      }
    } catch (IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  private void requireNotObject(Operand subject, Target target) {
    if (target.type() == FieldType.OBJECT) {
      Schema schema =
          scope.stream()
              .filter(s -> s.field(target.field()).isPresent())
              .findFirst()
              .orElse(allSchemas.get(0));
      String children =
          schema.fields().stream()
              .map(FieldDef::name)
              .filter(n -> n.startsWith(target.field() + "."))
              .limit(3)
              .collect(Collectors.joining(", "));
      throw error(
          subject.token().offset(),
          "'"
              + target.field()
              + "' is an object; compare one of its fields ("
              + children
              + ", ...) or use IS NULL");
    }
  }

  /**
   * Runs the predicate once on an empty event, which makes the reference evaluator read every
   * operand: a last check that the predicate is executable, located at the operator.
   */
  private Predicate verified(Predicate p, Operand subject, Token opToken) {
    if (subject.logical()) {
      return p;
    }
    try {
      evaluator.matches(p, Event.of(scope.get(0).name(), Map.of()));
    } catch (IllegalArgumentException e) {
      throw error(opToken.offset(), e.getMessage());
    }
    return p;
  }

  private static String describe(Operand subject, Target target) {
    return subject.logical()
        ? subject.name()
            + " stands for '"
            + target.field()
            + "', which is "
            + target.type().wireName()
        : "'" + target.field() + "' is " + target.type().wireName();
  }

  // ---------------------------------------------------------------- fields

  /** The type of a field of the schemas in scope, or a located error with a suggestion. */
  FieldType fieldType(String field, int offset) {
    for (Schema schema : scope) {
      var def = schema.field(field);
      if (def.isPresent()) {
        return def.get().type();
      }
    }
    List<String> elsewhere =
        allSchemas.stream().filter(s -> s.field(field).isPresent()).map(Schema::name).toList();
    String scopeNames = scope.stream().map(Schema::name).collect(Collectors.joining(", "));
    if (!elsewhere.isEmpty()) {
      throw error(
          offset,
          "field '"
              + field
              + "' is not in schema "
              + scopeNames
              + "; it is in "
              + String.join(", ", elsewhere));
    }
    Set<String> known = new LinkedHashSet<>();
    scope.forEach(s -> s.fields().forEach(f -> known.add(f.name())));
    String hint =
        LogicalType.fromToken(field)
            .map(t -> "; did you mean the logical type " + t.token() + "?")
            .orElseGet(() -> Suggestions.didYouMean(field, known));
    return failUnknown(field, offset, hint);
  }

  private FieldType failUnknown(String field, int offset, String hint) {
    throw error(
        offset,
        "unknown field '"
            + field
            + "'"
            + (fromGiven
                ? " in schema " + scope.stream().map(Schema::name).collect(Collectors.joining(", "))
                : "")
            + hint);
  }

  private static String logicalTypeNames() {
    return Arrays.stream(LogicalType.values())
        .map(LogicalType::token)
        .collect(Collectors.joining(", "));
  }

  private QuerySyntaxException error(int offset, String message) {
    return QuerySyntaxException.at(text, offset, message);
  }
}
