package io.mailsec.core.ql;

import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Contains;
import io.mailsec.core.query.EndsWith;
import io.mailsec.core.query.In;
import io.mailsec.core.query.IsNull;
import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Not;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Or;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.query.Regex;
import io.mailsec.core.query.StartsWith;
import io.mailsec.core.schema.LogicalType;
import io.mailsec.core.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Replaces logical types ({@code @ip}) by the concrete fields they stand for in the schemas
 * searched. A logical type behaves like one multi-valued field holding the values of all its
 * fields: {@code @ip = x} matches when any of them equals x, {@code @ip != x} when one of them is
 * set and none equals x, {@code @ip IS NULL} when all are empty.
 */
final class LogicalTypeExpansion {
  private final List<Schema> schemas;

  LogicalTypeExpansion(List<Schema> schemas) {
    this.schemas = schemas;
  }

  /** The fields of the schemas tagged with a logical type, in schema order, without repeats. */
  List<String> fields(LogicalType type) {
    Set<String> out = new LinkedHashSet<>();
    for (Schema schema : schemas) {
      schema.fields().stream().filter(f -> f.tags().contains(type)).forEach(f -> out.add(f.name()));
    }
    return List.copyOf(out);
  }

  /**
   * @throws IllegalArgumentException for a logical type that is unknown or has no field in the
   *     schemas
   */
  Predicate expand(Predicate p) {
    if (p instanceof And and) {
      return new And(and.operands().stream().map(this::expand).toList());
    }
    if (p instanceof Or or) {
      return new Or(or.operands().stream().map(this::expand).toList());
    }
    if (p instanceof Not not) {
      return new Not(expand(not.operand()));
    }
    if (p instanceof MatchAll) {
      return p;
    }
    String name = p.fields().iterator().next();
    if (!name.startsWith("@")) {
      return p;
    }
    LogicalType type =
        LogicalType.fromToken(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown logical type " + name));
    List<String> fields = fields(type);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("no field of the schemas is of logical type " + name);
    }
    if (p instanceof IsNull) {
      return all(fields, IsNull::new);
    }
    if (p instanceof Comparison c && c.op() == Operator.NE && fields.size() > 1) {
      return new And(
          List.of(
              any(fields, f -> new Not(new IsNull(f))),
              new Not(any(fields, f -> new Comparison(f, Operator.EQ, c.value())))));
    }
    return any(fields, f -> withField(p, f));
  }

  private static Predicate withField(Predicate p, String field) {
    if (p instanceof Comparison c) {
      return new Comparison(field, c.op(), c.value());
    }
    if (p instanceof Contains c) {
      return new Contains(field, c.text());
    }
    if (p instanceof StartsWith s) {
      return new StartsWith(field, s.text());
    }
    if (p instanceof EndsWith e) {
      return new EndsWith(field, e.text());
    }
    if (p instanceof Regex r) {
      return new Regex(field, r.pattern());
    }
    if (p instanceof In in) {
      return new In(field, in.values());
    }
    return new IsNull(field);
  }

  private static Predicate any(List<String> fields, Function<String, Predicate> leaf) {
    List<Predicate> out = new ArrayList<>();
    fields.forEach(f -> out.add(leaf.apply(f)));
    return out.size() == 1 ? out.get(0) : new Or(out);
  }

  private static Predicate all(List<String> fields, Function<String, Predicate> leaf) {
    List<Predicate> out = new ArrayList<>();
    fields.forEach(f -> out.add(leaf.apply(f)));
    return out.size() == 1 ? out.get(0) : new And(out);
  }
}
