package io.mailsec.core.query;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.CompiledPredicate.Test;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.IpLiterals;
import io.mailsec.core.schema.SchemaRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a {@link Predicate} against one event in memory. It is the executable reference of the
 * predicate semantics: stores must return exactly the events it accepts (the store contract tests
 * compare them), and detection can use it on events in flight.
 *
 * <p>Values in the event that do not fit the field's declared type are ignored, as a store that
 * cannot index them would.
 *
 * <p>Errors do not depend on the event: a predicate with an unknown field or a bad operand anywhere
 * in it fails on every event (and {@link #compile} fails), even where AND / OR could have decided
 * without that part. The one exception is a regular expression too expensive for a value; to keep
 * that error independent of evaluation order, AND / OR over a regular expression evaluate all their
 * operands, while all others stop at the first operand that decides.
 *
 * <p>Immutable and thread-safe.
 */
public final class PredicateEvaluator {
  private final FieldTypes types;

  public PredicateEvaluator(SchemaRegistry registry) {
    this.types = FieldTypes.of(registry);
  }

  /**
   * @throws IllegalArgumentException when the predicate names an unknown field or has an operand
   *     that does not fit its field, or a regular expression is too expensive for a value
   */
  public boolean matches(Predicate predicate, Event event) {
    return compile(predicate).test(event);
  }

  /**
   * Prepares a predicate for evaluation on many events.
   *
   * @throws IllegalArgumentException when the predicate names an unknown field or has an operand
   *     that does not fit its field
   */
  public CompiledPredicate compile(Predicate predicate) {
    return new CompiledPredicate(predicate, predicate.accept(new Compiler()).test());
  }

  /**
   * A compiled test and whether evaluating it can fail depending on the event's values (only a
   * regular expression can).
   */
  private record Node(Test test, boolean valueDependentErrors) {
    static Node of(Test test) {
      return new Node(test, false);
    }
  }

  private final class Compiler implements PredicateVisitor<Node> {
    @Override
    public Node visitComparison(Comparison c) {
      FieldType type = types.require(c.field());
      String field = c.field();
      if (c.op() == Operator.NE) {
        Test equal = anyEquals(type, field, c.value());
        return Node.of(f -> !f.values(field).isEmpty() && !equal.test(f));
      }
      if (c.op() == Operator.EQ) {
        return Node.of(anyEquals(type, field, c.value()));
      }
      return Node.of(anyInRange(type, c));
    }

    @Override
    public Node visitContains(Contains c) {
      requireStringField(c.field(), "CONTAINS");
      String needle = TextFolding.fold(c.text());
      String field = c.field();
      return Node.of(
          f -> {
            for (String s : f.folded(field)) {
              if (s.contains(needle)) {
                return true;
              }
            }
            return false;
          });
    }

    @Override
    public Node visitStartsWith(StartsWith s) {
      requireStringField(s.field(), "STARTSWITH");
      String prefix = TextFolding.fold(s.text());
      String field = s.field();
      return Node.of(
          f -> {
            for (String v : f.folded(field)) {
              if (v.startsWith(prefix)) {
                return true;
              }
            }
            return false;
          });
    }

    @Override
    public Node visitEndsWith(EndsWith e) {
      requireStringField(e.field(), "ENDSWITH");
      String suffix = TextFolding.fold(e.text());
      String field = e.field();
      return Node.of(
          f -> {
            for (String v : f.folded(field)) {
              if (v.endsWith(suffix)) {
                return true;
              }
            }
            return false;
          });
    }

    @Override
    public Node visitRegex(Regex r) {
      requireStringField(r.field(), "MATCHES_REGEX");
      String field = r.field();
      return new Node(
          f -> {
            for (String v : f.strings(field)) {
              if (r.matches(v)) {
                return true;
              }
            }
            return false;
          },
          true);
    }

    @Override
    public Node visitIn(In in) {
      FieldType type = types.require(in.field());
      String field = in.field();
      List<Test> tests = new ArrayList<>();
      for (Object operand : in.values()) {
        // Compile every operand so that a bad one fails even after one that could match.
        tests.add(anyEquals(type, field, operand));
      }
      if (type == FieldType.KEYWORD || type == FieldType.TEXT) {
        Set<String> expected = new HashSet<>();
        for (Object operand : in.values()) {
          expected.add(TextFolding.fold(Operands.keywordText(operand)));
        }
        return Node.of(
            f -> {
              for (String v : f.folded(field)) {
                if (expected.contains(v)) {
                  return true;
                }
              }
              return false;
            });
      }
      return Node.of(anyOf(tests.toArray(Test[]::new)));
    }

    @Override
    public Node visitIsNull(IsNull n) {
      types.require(n.field());
      String field = n.field();
      return Node.of(f -> f.values(field).isEmpty());
    }

    @Override
    public Node visitAnd(And and) {
      List<Node> operands = compileAll(and.operands());
      Test[] tests = operands.stream().map(Node::test).toArray(Test[]::new);
      if (!anyValueDependent(operands)) {
        return Node.of(
            f -> {
              for (Test t : tests) {
                if (!t.test(f)) {
                  return false;
                }
              }
              return true;
            });
      }
      return new Node(
          f -> {
            boolean all = true;
            for (Test t : tests) {
              all &= t.test(f);
            }
            return all;
          },
          true);
    }

    @Override
    public Node visitOr(Or or) {
      List<Node> operands = compileAll(or.operands());
      Test[] tests = operands.stream().map(Node::test).toArray(Test[]::new);
      if (!anyValueDependent(operands)) {
        return Node.of(anyOf(tests));
      }
      return new Node(
          f -> {
            boolean any = false;
            for (Test t : tests) {
              any |= t.test(f);
            }
            return any;
          },
          true);
    }

    @Override
    public Node visitNot(Not not) {
      Node operand = not.operand().accept(this);
      Test test = operand.test();
      return new Node(f -> !test.test(f), operand.valueDependentErrors());
    }

    @Override
    public Node visitMatchAll(MatchAll matchAll) {
      return Node.of(f -> true);
    }

    private List<Node> compileAll(List<Predicate> predicates) {
      List<Node> nodes = new ArrayList<>(predicates.size());
      for (Predicate p : predicates) {
        nodes.add(p.accept(this));
      }
      return nodes;
    }

    private void requireStringField(String field, String operator) {
      FieldType type = types.require(field);
      if (type != FieldType.TEXT && type != FieldType.KEYWORD && type != FieldType.IP) {
        throw new IllegalArgumentException(
            operator + " needs a text, keyword or ip field; '" + field + "' is " + type.wireName());
      }
    }
  }

  private static boolean anyValueDependent(List<Node> nodes) {
    for (Node n : nodes) {
      if (n.valueDependentErrors()) {
        return true;
      }
    }
    return false;
  }

  private static Test anyOf(Test[] tests) {
    return f -> {
      for (Test t : tests) {
        if (t.test(f)) {
          return true;
        }
      }
      return false;
    };
  }

  /** Whether any value of the field equals the operand. */
  private static Test anyEquals(FieldType type, String field, Object operand) {
    switch (type) {
      case KEYWORD, TEXT -> {
        String expected = TextFolding.fold(Operands.keywordText(operand));
        return f -> f.folded(field).contains(expected);
      }
      case LONG -> {
        Optional<Operands.LongInterval> interval =
            Operands.longInterval(field, Operator.EQ, operand);
        if (interval.isEmpty()) {
          return f -> false;
        }
        Operands.LongInterval range = interval.get();
        return f -> anyValue(f, field, v -> v instanceof Long l && range.contains(l));
      }
      case DOUBLE -> {
        double expected = Operands.doubleInterval(field, Operator.EQ, operand).min();
        return f -> anyValue(f, field, v -> v instanceof Double d && d == expected);
      }
      case TIMESTAMP -> {
        long expected = Operands.micros(Operands.instant(field, operand));
        return f ->
            anyValue(f, field, v -> v instanceof Instant i && Operands.micros(i) == expected);
      }
      case BOOLEAN -> {
        boolean expected = Operands.bool(field, operand);
        return f -> anyValue(f, field, v -> v instanceof Boolean b && b == expected);
      }
      case IP -> {
        IpRange range = Operands.ip(field, operand);
        return f -> anyIp(f, field, range::contains);
      }
      case OBJECT -> throw objectField(field);
    }
    throw new IllegalStateException("unhandled type " + type);
  }

  /** Whether any value of the field is in the order relation {@code c.op()} to the operand. */
  private static Test anyInRange(FieldType type, Comparison c) {
    String field = c.field();
    Operator op = c.op();
    switch (type) {
      case KEYWORD -> {
        String operand = TextFolding.fold(Operands.keywordText(c.value()));
        return f -> {
          for (String s : f.folded(field)) {
            if (holds(op, TextFolding.compareCodePoints(s, operand))) {
              return true;
            }
          }
          return false;
        };
      }
      case LONG -> {
        Optional<Operands.LongInterval> interval = Operands.longInterval(field, op, c.value());
        if (interval.isEmpty()) {
          return f -> false;
        }
        Operands.LongInterval range = interval.get();
        return f -> anyValue(f, field, v -> v instanceof Long l && range.contains(l));
      }
      case DOUBLE -> {
        Operands.DoubleInterval interval = Operands.doubleInterval(field, op, c.value());
        return f -> anyValue(f, field, v -> v instanceof Double d && interval.contains(d));
      }
      case TIMESTAMP -> {
        Optional<Operands.LongInterval> interval = Operands.timestampInterval(field, op, c.value());
        if (interval.isEmpty()) {
          return f -> false;
        }
        Operands.LongInterval range = interval.get();
        return f ->
            anyValue(f, field, v -> v instanceof Instant i && range.contains(Operands.micros(i)));
      }
      case IP -> {
        byte[] operand = Operands.ipAddress(field, c.value());
        return f ->
            anyIp(f, field, a -> holds(op, Arrays.compareUnsigned(IpRange.to16(a), operand)));
      }
      case TEXT, BOOLEAN ->
          throw new IllegalArgumentException(
              "field '"
                  + field
                  + "' is "
                  + type.wireName()
                  + " and has no order for "
                  + op.symbol());
      case OBJECT -> throw objectField(field);
    }
    throw new IllegalStateException("unhandled type " + type);
  }

  private static boolean anyValue(
      EventFields fields, String field, java.util.function.Predicate<Object> test) {
    for (Object v : fields.values(field)) {
      if (test.test(v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyIp(
      EventFields fields, String field, java.util.function.Predicate<byte[]> test) {
    for (String literal : fields.strings(field)) {
      Optional<byte[]> address = IpLiterals.parse(literal);
      if (address.isPresent() && test.test(address.get())) {
        return true;
      }
    }
    return false;
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
