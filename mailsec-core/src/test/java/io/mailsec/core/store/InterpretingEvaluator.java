package io.mailsec.core.store;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Contains;
import io.mailsec.core.query.EndsWith;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.In;
import io.mailsec.core.query.IpRange;
import io.mailsec.core.query.IsNull;
import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Not;
import io.mailsec.core.query.Operands;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Or;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.query.PredicateVisitor;
import io.mailsec.core.query.Regex;
import io.mailsec.core.query.StartsWith;
import io.mailsec.core.query.TextFolding;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.IpLiterals;
import io.mailsec.core.schema.SchemaRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The predicate evaluator as it was before {@link io.mailsec.core.query.PredicateEvaluator}
 * compiled predicates: a plain visitor that looks up and folds field values on every comparison and
 * never short-circuits. Kept as the reference the compiled evaluator is fuzzed against.
 */
final class InterpretingEvaluator {
  private final FieldTypes types;

  InterpretingEvaluator(SchemaRegistry registry) {
    this.types = FieldTypes.of(registry);
  }

  /**
   * @throws IllegalArgumentException when the predicate names an unknown field or has an operand
   *     that does not fit its field
   */
  public boolean matches(Predicate predicate, Event event) {
    return predicate.accept(new Matcher(event));
  }

  private final class Matcher implements PredicateVisitor<Boolean> {
    private final Event event;

    Matcher(Event event) {
      this.event = event;
    }

    @Override
    public Boolean visitComparison(Comparison c) {
      FieldType type = types.require(c.field());
      List<Object> values = event.get(c.field());
      if (c.op() == Operator.NE) {
        checkOperand(type, c);
        return !values.isEmpty() && !anyEquals(type, c.field(), values, c.value());
      }
      if (c.op() == Operator.EQ) {
        return anyEquals(type, c.field(), values, c.value());
      }
      return anyInRange(type, c, values);
    }

    @Override
    public Boolean visitContains(Contains c) {
      String needle = TextFolding.fold(c.text());
      return anyString(c.field(), "CONTAINS", s -> TextFolding.fold(s).contains(needle));
    }

    @Override
    public Boolean visitStartsWith(StartsWith s) {
      String prefix = TextFolding.fold(s.text());
      return anyString(s.field(), "STARTSWITH", v -> TextFolding.fold(v).startsWith(prefix));
    }

    @Override
    public Boolean visitEndsWith(EndsWith e) {
      String suffix = TextFolding.fold(e.text());
      return anyString(e.field(), "ENDSWITH", v -> TextFolding.fold(v).endsWith(suffix));
    }

    @Override
    public Boolean visitRegex(Regex r) {
      return anyString(r.field(), "MATCHES_REGEX", r::matches);
    }

    /** Applies a string test to the values of a text, keyword or ip field. */
    private boolean anyString(
        String field, String operator, java.util.function.Predicate<String> test) {
      FieldType type = types.require(field);
      if (type != FieldType.TEXT && type != FieldType.KEYWORD && type != FieldType.IP) {
        throw new IllegalArgumentException(
            operator + " needs a text, keyword or ip field; '" + field + "' is " + type.wireName());
      }
      for (Object v : event.get(field)) {
        if (v instanceof String s && test.test(s)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Boolean visitIn(In in) {
      FieldType type = types.require(in.field());
      List<Object> values = event.get(in.field());
      boolean any = false;
      for (Object operand : in.values()) {
        // Evaluate every operand so that a bad one fails regardless of the event's values.
        any |= anyEquals(type, in.field(), values, operand);
      }
      return any;
    }

    @Override
    public Boolean visitIsNull(IsNull n) {
      types.require(n.field());
      return event.get(n.field()).isEmpty();
    }

    @Override
    public Boolean visitAnd(And and) {
      boolean all = true;
      for (Predicate p : and.operands()) {
        all &= p.accept(this);
      }
      return all;
    }

    @Override
    public Boolean visitOr(Or or) {
      boolean any = false;
      for (Predicate p : or.operands()) {
        any |= p.accept(this);
      }
      return any;
    }

    @Override
    public Boolean visitNot(Not not) {
      return !not.operand().accept(this);
    }

    @Override
    public Boolean visitMatchAll(MatchAll matchAll) {
      return true;
    }
  }

  private static void checkOperand(FieldType type, Comparison c) {
    anyEquals(type, c.field(), List.of(), c.value());
  }

  private static boolean anyEquals(
      FieldType type, String field, List<Object> values, Object operand) {
    switch (type) {
      case KEYWORD, TEXT -> {
        String expected = TextFolding.fold(Operands.keywordText(operand));
        return values.stream()
            .anyMatch(v -> v instanceof String s && TextFolding.fold(s).equals(expected));
      }
      case LONG -> {
        Optional<Operands.LongInterval> interval =
            Operands.longInterval(field, Operator.EQ, operand);
        return interval.isPresent()
            && values.stream().anyMatch(v -> v instanceof Long l && interval.get().contains(l));
      }
      case DOUBLE -> {
        double expected = Operands.doubleInterval(field, Operator.EQ, operand).min();
        return values.stream().anyMatch(v -> v instanceof Double d && d == expected);
      }
      case TIMESTAMP -> {
        long expected = Operands.micros(Operands.instant(field, operand));
        return values.stream()
            .anyMatch(v -> v instanceof Instant i && Operands.micros(i) == expected);
      }
      case BOOLEAN -> {
        boolean expected = Operands.bool(field, operand);
        return values.stream().anyMatch(v -> v instanceof Boolean b && b == expected);
      }
      case IP -> {
        IpRange range = Operands.ip(field, operand);
        return values.stream()
            .anyMatch(v -> v instanceof String s && ipMatches(s, range::contains));
      }
      case OBJECT -> throw objectField(field);
    }
    throw new IllegalStateException("unhandled type " + type);
  }

  private static boolean anyInRange(FieldType type, Comparison c, List<Object> values) {
    String field = c.field();
    switch (type) {
      case KEYWORD -> {
        String operand = TextFolding.fold(Operands.keywordText(c.value()));
        return values.stream()
            .anyMatch(
                v ->
                    v instanceof String s
                        && holds(
                            c.op(), TextFolding.compareCodePoints(TextFolding.fold(s), operand)));
      }
      case LONG -> {
        Optional<Operands.LongInterval> interval = Operands.longInterval(field, c.op(), c.value());
        return interval.isPresent()
            && values.stream().anyMatch(v -> v instanceof Long l && interval.get().contains(l));
      }
      case DOUBLE -> {
        Operands.DoubleInterval interval = Operands.doubleInterval(field, c.op(), c.value());
        return values.stream().anyMatch(v -> v instanceof Double d && interval.contains(d));
      }
      case TIMESTAMP -> {
        Optional<Operands.LongInterval> interval =
            Operands.timestampInterval(field, c.op(), c.value());
        return interval.isPresent()
            && values.stream()
                .anyMatch(
                    v -> v instanceof Instant i && interval.get().contains(Operands.micros(i)));
      }
      case IP -> {
        byte[] operand = Operands.ipAddress(field, c.value());
        return values.stream()
            .anyMatch(
                v ->
                    v instanceof String s
                        && ipMatches(
                            s,
                            a -> holds(c.op(), Arrays.compareUnsigned(IpRange.to16(a), operand))));
      }
      case TEXT, BOOLEAN ->
          throw new IllegalArgumentException(
              "field '"
                  + field
                  + "' is "
                  + type.wireName()
                  + " and has no order for "
                  + c.op().symbol());
      case OBJECT -> throw objectField(field);
    }
    throw new IllegalStateException("unhandled type " + type);
  }

  private static boolean ipMatches(String literal, java.util.function.Predicate<byte[]> test) {
    Optional<byte[]> address = IpLiterals.parse(literal);
    return address.isPresent() && test.test(address.get());
  }

  private static boolean holds(Operator op, int comparison) {
    return switch (op) {
      case LT -> comparison < 0;
      case LE -> comparison <= 0;
      case GT -> comparison > 0;
      case GE -> comparison >= 0;
      case EQ -> comparison == 0;
      case NE -> comparison != 0;
    };
  }

  private static IllegalArgumentException objectField(String field) {
    return new IllegalArgumentException(
        "field '" + field + "' is an object; only IS NULL applies to it");
  }
}
